package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;

/**
 * An executor's memory: workspaces per task slot, not per block; activation caches within the stated
 * budget; nothing left once the run ends; and the same bits whatever the budget.
 */
class ExecutorMemoryTest {
    private static final SparseAutoencoderConfig CONFIG = new SparseAutoencoderConfig(16, 6, 0.05, 1e-3, 3);
    private static final int BLOCK = 50;

    private static double[] evaluate(JavaSparkContext spark, Dataset data, long budget, long[] held) {
        EvaluationSettings settings = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1)
                .withActivationCacheBytes(budget);
        EngineSpec spec;
        double[] result;
        try (SparkObjective f = new SparkObjective(spark, SampleBlocks.of(spark, data, Precision.F64, BLOCK, 5),
                CONFIG, settings, 1)) {
            double[] theta = CONFIG.initialParameters(3);
            double[] g = new double[theta.length];
            f.evaluate(CONFIG.initialParameters(4), g);
            double j = f.evaluate(theta, g);
            result = Arrays.copyOf(g, g.length + 1);
            result[g.length] = j;
            spec = f.engineSpec();
            System.arraycopy(ExecutorEngine.held(spec), 0, held, 0, 3);
        }
        assertArrayEquals(new long[] {0, 0, 0}, ExecutorEngine.held(spec), "nothing held after the run");
        return result;
    }

    @Test
    void workspacesBelongToTaskSlotsAndCachesStayWithinTheBudget() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] x = new double[16 * 1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.05, 0.95);
        }
        Dataset data = Dataset.ofDoubles(16, 1000, x);
        long oneCache = 6L * BLOCK * 8;
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            long[] all = new long[3];
            long[] some = new long[3];
            long[] none = new long[3];
            double[] cachedEverywhere = evaluate(spark, data, 1L << 30, all);
            double[] cachedInSeven = evaluate(spark, data, 7 * oneCache, some);
            double[] cachedNowhere = evaluate(spark, data, 0, none);
            for (long[] h : new long[][] {all, some, none}) {
                assertEquals(20, h[0], "one engine per block");
                assertTrue(h[1] >= 1 && h[1] <= 2, h[1] + " sets of workspaces for two task slots");
            }
            assertEquals(20 * oneCache, all[2]);
            assertEquals(7 * oneCache, some[2]);
            assertEquals(0, none[2]);
            assertArrayEquals(cachedEverywhere, cachedInSeven);
            assertArrayEquals(cachedEverywhere, cachedNowhere);
        }
    }
}
