package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;
import org.sae4j.train.CheckpointFile;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/** Checkpoints on Spark resume bitwise; the executors' engines are safe for concurrent tasks. */
class SparkResumeTest {
    private static final SparseAutoencoderConfig CONFIG = new SparseAutoencoderConfig(12, 4, 0.05, 1e-3, 3);

    @TempDir
    Path dir;

    private static Dataset data() {
        SplittableRandom rnd = new SplittableRandom(21);
        double[] x = new double[12 * 600];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofDoubles(12, 600, x);
    }

    private static EvaluationSettings settings() {
        return EvaluationSettings.of(new JavaBackend(), Precision.F64).withChunkSize(50);
    }

    @Test
    void aRunThatDiesAndIsResumedOnOtherCoresEndsBitwiseEqual() throws IOException {
        Dataset data = data();
        Optimizer lbfgs = Lbfgs.builder().maxIterations(25).build();
        Path file = dir.resolve("spark.ckpt");
        TrainingResult whole;
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            TrainingSpec run = TrainingSpec.defaults().withSettings(settings()).withOptimizer(lbfgs).withSeed(1);
            whole = SparkTrainer.of(CONFIG, run, 1, Passes.DEFAULT)
                    .train(spark, SampleBlocks.of(spark, data, Precision.F64, 100, 3));
            SparkTrainer dying = SparkTrainer.of(CONFIG, run.withCheckpoints(file, 5).withListener(info -> {
                if (info.iteration() == 13) {
                    throw new IllegalStateException("the driver dies");
                }
            }), 1, Passes.DEFAULT);
            assertThrows(IllegalStateException.class,
                    () -> dying.train(spark, SampleBlocks.of(spark, data, Precision.F64, 100, 3)));
        }
        assertEquals(10, CheckpointFile.read(file).state().iterations());
        TrainingResult resumed;
        try (JavaSparkContext spark = LocalSpark.start("local[3]")) {
            TrainingSpec resume = TrainingSpec.defaults().withSettings(settings()).withOptimizer(lbfgs)
                    .withResume(CheckpointFile.read(file));
            resumed = SparkTrainer.of(CONFIG, resume, 2, Passes.DEFAULT)
                    .train(spark, SampleBlocks.of(spark, data, Precision.F64, 100, 3));
            CheckpointMismatchException other = assertThrows(CheckpointMismatchException.class, () ->
                    SparkTrainer.of(CONFIG, resume, 1, Passes.DEFAULT)
                            .train(spark, SampleBlocks.of(spark, data, Precision.F64, 100, 2)));
            assertTrue(other.getMessage().startsWith("spark partitions differs"), other.getMessage());
        }
        assertArrayEquals(bits(whole.model().theta()), bits(resumed.model().theta()));
        assertEquals(whole.iterations(), resumed.iterations());
        assertEquals(whole.evaluations(), resumed.evaluations());
    }

    @Test
    void concurrentTasksOnTheSameBlockGetTheSameSums() throws Exception {
        Dataset data = data();
        SampleBlock block = SampleBlock.of(0, data, 0, data.samples(), Precision.F64);
        EngineSpec spec = EngineSpec.of(CONFIG, settings(), 2, Passes.TWO,
                settings().chunkSizeFor(data.samples(), CONFIG.visible(), CONFIG.hidden()));
        double[][] thetas = {CONFIG.initialParameters(3), CONFIG.initialParameters(4)};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            double[][] serial = {sums(spec, block, thetas[0]), sums(spec, block, thetas[1])};
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                double[] theta = thetas[t % 2];
                results.add(pool.submit(() -> sums(spec, block, theta)));
            }
            for (int t = 0; t < results.size(); t++) {
                assertArrayEquals(bits(serial[t % 2]), bits(results.get(t).get()), "task " + t);
            }
        } finally {
            pool.shutdownNow();
            ExecutorEngine.release(spec);
        }
    }

    /** Both passes on the block's engine, as two tasks of one evaluation would run them. */
    private static double[] sums(EngineSpec spec, SampleBlock block, double[] theta) {
        double[] sums = new double[CONFIG.hidden()];
        ExecutorEngine.with(spec, block, e -> {
            e.addActivationSums(theta, sums);
            return null;
        });
        double[] g = new double[CONFIG.parameterCount()];
        double[] s = new double[CONFIG.hidden()];
        Arrays.fill(s, 0.25);
        double error = ExecutorEngine.with(spec, block, e -> e.addGradientSums(theta, s, g));
        double[] all = Arrays.copyOf(g, g.length + sums.length + 1);
        System.arraycopy(sums, 0, all, g.length, sums.length);
        all[all.length - 1] = error;
        return all;
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
