package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;

/** The fan-in tree: a fixed shape, so bits that depend on the partitions and the fan-in only. */
class TreeSumTest {
    private static final int LENGTH = 9;

    /** Arrays of values of very different sizes, so that the order of the additions shows in the bits. */
    private static List<double[]> partials(int count) {
        SplittableRandom rnd = new SplittableRandom(count);
        List<double[]> list = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            double[] a = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                a[i] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-8, 9));
            }
            list.add(a);
        }
        return list;
    }

    /** The tree written out plainly: groups of {@code fanout} in order, level by level, then the driver's sum. */
    private static double[] reference(List<double[]> level, int fanout) {
        while (level.size() > fanout) {
            List<double[]> next = new ArrayList<>();
            for (int g = 0; g * fanout < level.size(); g++) {
                next.add(sum(level.subList(g * fanout, Math.min(level.size(), (g + 1) * fanout))));
            }
            level = next;
        }
        return sum(level);
    }

    private static double[] sum(List<double[]> arrays) {
        double[] s = new double[LENGTH];
        for (double[] a : arrays) {
            for (int i = 0; i < LENGTH; i++) {
                s[i] += a[i];
            }
        }
        return s;
    }

    private static double[] onSpark(JavaSparkContext spark, List<double[]> partials, int fanout) {
        JavaRDD<double[]> rdd = spark.parallelize(partials, partials.size());
        return TreeSum.of(rdd, LENGTH, fanout);
    }

    @Test
    void theTreeIsTheReferenceTreeBitwiseOnAnyNumberOfCores() {
        List<double[]> partials = partials(37);
        double[] tree;
        double[] flat;
        try (JavaSparkContext spark = LocalSpark.start("local[1]")) {
            tree = onSpark(spark, partials, 3);
            flat = onSpark(spark, partials, 64);
        }
        try (JavaSparkContext spark = LocalSpark.start("local[3]")) {
            assertArrayEquals(tree, onSpark(spark, partials, 3), "3 cores");
        }
        assertArrayEquals(reference(partials, 3), tree, "37 partials, fan-in 3: three levels");
        assertArrayEquals(sum(partials), flat, "no more partitions than the fan-in: the driver's sum in order");
        assertNotEquals(Arrays.toString(flat), Arrays.toString(tree), "the tree adds in another order");
        for (int i = 0; i < LENGTH; i++) {
            assertEquals(flat[i], tree[i], 1e-6 * Math.abs(flat[i]) + 1e-300);
        }
    }

    @Test
    void theDriversResultLimitCapsTheFanInNotThePartitions() {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(64, 40, 0.05, 1e-3, 3);
        Dataset data = Dataset.ofDoubles(64, 640, new double[64 * 640]);
        EvaluationSettings settings = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1);
        // n + 1 = 5225 doubles, 41.8 kB per partition: 64 of them are over 1 MB, 16 are not
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("sae4j-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.maxResultSize", "1m");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> new SparkObjective(spark,
                    SampleBlocks.of(spark, data, Precision.F64, 10, 64), config, settings, 1, Passes.TWO, 64).close());
            assertTrue(flat.getMessage().contains("the driver collects 64 sums of 41800 bytes"), flat.getMessage());
            try (SparkObjective tree = new SparkObjective(spark, SampleBlocks.of(spark, data, Precision.F64, 10, 64),
                    config, settings, 1, Passes.TWO, 16)) {
                assertEquals(640, tree.samples());
            }
        }
    }

    @Test
    void anEvaluationWithATreeIsTheSameOnAnyNumberOfCores() {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(12, 5, 0.05, 1e-3, 3);
        SplittableRandom rnd = new SplittableRandom(4);
        double[] x = new double[12 * 640];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.05, 0.95);
        }
        Dataset data = Dataset.ofDoubles(12, 640, x);
        double[] theta = config.initialParameters(1);
        EvaluationSettings settings = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1);
        double[][] results = new double[3][];
        String[] masters = {"local[1]", "local[3]", "local[3]"};
        int[] fanouts = {4, 4, 1000};
        for (int r = 0; r < 3; r++) {
            try (JavaSparkContext spark = LocalSpark.start(masters[r]);
                 SparkObjective f = new SparkObjective(spark, SampleBlocks.of(spark, data, Precision.F64, 20, 32),
                         config, settings, 1, Passes.TWO, fanouts[r])) {
                double[] g = new double[theta.length];
                double j = f.evaluate(theta, g);
                results[r] = Arrays.copyOf(g, g.length + 1);
                results[r][g.length] = j;
            }
        }
        assertArrayEquals(results[0], results[1], "32 partitions, fan-in 4, on 1 and 3 cores");
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(results[2][i], results[0][i], 1e-12 * Math.max(1, Math.abs(results[2][i])), "flat " + i);
        }
    }
}
