package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.SharedData;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/** The objective on Spark: bitwise the same on any number of cores, the engine's to rounding. */
class SparkObjectiveTest {
    private static final SparseAutoencoderConfig CONFIG = new SparseAutoencoderConfig(20, 7, 0.05, 1e-3, 3);
    private static final int BLOCK = 150;
    private static final int PARTITIONS = 4;

    private static Dataset randomData(int v, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.05, 0.95);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    private static double[] theta(SparseAutoencoderConfig config, long seed) {
        double[] theta = config.initialParameters(seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        for (int i = config.b1Offset(); i < theta.length; i++) {
            theta[i] = rnd.nextDouble(-0.5, 0.5);
        }
        return theta;
    }

    private static EvaluationSettings settings(Precision precision) {
        return EvaluationSettings.of(new JavaBackend(), precision).withThreads(2).withChunkSize(64);
    }

    /** J followed by ∇J, as evaluated on {@code master}. */
    private static double[] evaluateOn(String master, SparseAutoencoderConfig config, Dataset data, Precision precision,
                                       double[] theta, Passes passes) {
        try (JavaSparkContext spark = LocalSpark.start(master);
             SparkObjective objective = new SparkObjective(spark, SampleBlocks.of(spark, data, precision, BLOCK,
                     PARTITIONS), config, settings(precision), 2, passes)) {
            return evaluate(objective, theta);
        }
    }

    static Stream<Arguments> precisionsAndPasses() {
        return Stream.of(Precision.values()).flatMap(p -> Stream.of(Passes.values()).map(n -> Arguments.of(p, n)));
    }

    private static double[] evaluate(SparkObjective objective, double[] theta) {
        double[] result = new double[theta.length + 1];
        double[] gradient = new double[theta.length];
        result[0] = objective.evaluate(theta, gradient);
        System.arraycopy(gradient, 0, result, 1, gradient.length);
        return result;
    }

    @ParameterizedTest(name = "{0}, {1} pass(es)")
    @MethodSource("precisionsAndPasses")
    void jAndItsGradientAreBitwiseTheSameOnOneTwoAndThreeCores(Precision precision, Passes passes) {
        Dataset data = randomData(20, 1234, 3);
        double[] theta = theta(CONFIG, 5);
        double[] one = evaluateOn("local[1]", CONFIG, data, precision, theta, passes);
        double[] two = evaluateOn("local[2]", CONFIG, data, precision, theta, passes);
        double[] three = evaluateOn("local[3]", CONFIG, data, precision, theta, passes);
        assertArrayEquals(bits(one), bits(two), "local[1] against local[2]");
        assertArrayEquals(bits(one), bits(three), "local[1] against local[3]");
    }

    @ParameterizedTest
    @EnumSource(Passes.class)
    void f64AgreesWithTheSingleMachineEngineToRoundingOnRandomData(Passes passes) {
        Dataset data = randomData(20, 1234, 4);
        double[] theta = theta(CONFIG, 6);
        assertAgreesWithEngine(CONFIG, data, theta, evaluateOn("local[2]", CONFIG, data, Precision.F64, theta,
                passes));
    }

    @ParameterizedTest
    @EnumSource(Passes.class)
    void theLinearDecoderAgreesWithTheEngineToo(Passes passes) {
        SparseAutoencoderConfig linear = CONFIG.withOutputLayer(org.sae4j.autoencoder.OutputLayer.LINEAR);
        Dataset data = randomData(20, 700, 14);
        double[] theta = theta(linear, 15);
        assertAgreesWithEngine(linear, data, theta, evaluateOn("local[2]", linear, data, Precision.F64, theta, passes));
    }

    @ParameterizedTest
    @EnumSource(Passes.class)
    void f64AgreesWithTheSingleMachineEngineToRoundingOnTheRealPatches(Passes passes) throws IOException {
        Dataset patches = NpyReader.readSamples(SharedData.file("data/ufldl/patches_10000_seed0.npy"));
        SparseAutoencoderConfig config = SparseAutoencoderConfig.ufldl(patches.features(), 25);
        double[] theta = theta(config, 7);
        assertAgreesWithEngine(config, patches, theta, evaluateOn("local[2]", config, patches, Precision.F64, theta,
                passes));
    }

    private static void assertAgreesWithEngine(SparseAutoencoderConfig config, Dataset data, double[] theta,
                                               double[] onSpark) {
        double[] gradient = new double[theta.length];
        double j;
        try (SparseAutoencoderObjective engine = new SparseAutoencoderObjective(config, data,
                settings(Precision.F64))) {
            j = engine.evaluate(theta, gradient);
        }
        assertTrue(Math.abs(onSpark[0] - j) / Math.abs(j) <= 1e-12, "J " + onSpark[0] + " against " + j);
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < gradient.length; i++) {
            double d = onSpark[i + 1] - gradient[i];
            difference += d * d;
            norm += gradient[i] * gradient[i];
        }
        assertTrue(Math.sqrt(difference / norm) <= 1e-12, "relative gradient difference "
                + Math.sqrt(difference / norm));
    }

    @Test
    void fiftyLbfgsIterationsReachTheEnginesCost() {
        Dataset data = randomData(20, 900, 8);
        Optimizer lbfgs = Lbfgs.builder().maxIterations(50).build();
        TrainingSpec spec = TrainingSpec.defaults().withSettings(settings(Precision.F64)).withOptimizer(lbfgs)
                .withSeed(2);
        TrainingResult engine = Trainer.of(CONFIG, spec).train(data);
        TrainingResult spark;
        try (JavaSparkContext context = LocalSpark.start("local[2]")) {
            spark = SparkTrainer.of(CONFIG, spec, 1, Passes.DEFAULT)
                    .train(context, SampleBlocks.of(context, data, Precision.F64, BLOCK, PARTITIONS));
        }
        assertEquals(50, spark.iterations());
        double relative = Math.abs(spark.finalCost() - engine.finalCost()) / engine.finalCost();
        assertTrue(relative <= 1e-9, "J " + spark.finalCost() + " against the engine's " + engine.finalCost());
    }

    /** Tasks that fail once, while the cached blocks have been lost and must be recomputed. */
    static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();

    @Test
    void aTaskThatFailsOnceAndLostBlocksGiveTheSameResult() {
        Dataset data = randomData(20, 1234, 9);
        double[] theta = theta(CONFIG, 10);
        double[] expected = evaluateOn("local[2]", CONFIG, data, Precision.F64, theta, Passes.TWO);
        try (JavaSparkContext spark = LocalSpark.start("local[2,2]")) {
            JavaRDD<SampleBlock> source = SampleBlocks.of(spark, data, Precision.F64, BLOCK, PARTITIONS);
            JavaRDD<SampleBlock> failing = source.map(b -> {
                if (TaskContext.get().partitionId() == 1 && FAIL_ONCE.compareAndSet(true, false)) {
                    throw new IllegalStateException("injected failure");
                }
                return b;
            });
            try (SparkObjective objective = new SparkObjective(spark, failing, CONFIG, settings(Precision.F64), 2)) {
                assertArrayEquals(bits(expected), bits(evaluate(objective, theta)), "with the blocks cached");
                failing.unpersist(true);
                FAIL_ONCE.set(true);
                assertArrayEquals(bits(expected), bits(evaluate(objective, theta)),
                        "blocks recomputed, one task retried");
                assertTrue(!FAIL_ONCE.get(), "the failure was injected");
            }
        }
    }

    @Test
    void blocksCutFromADistributedRddAreTheDriversBlocks() {
        Dataset data = randomData(20, 1001, 11);
        double[] theta = theta(CONFIG, 12);
        try (JavaSparkContext spark = LocalSpark.start("local[2]")) {
            List<float[]> samples = new ArrayList<>();
            for (int s = 0; s < data.samples(); s++) {
                float[] sample = new float[data.features()];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = (float) data.get(i, s);
                }
                samples.add(sample);
            }
            JavaRDD<SampleBlock> distributed = SampleBlocks.ofSamples(spark.parallelize(samples, 5), 20, BLOCK,
                    PARTITIONS);
            JavaRDD<SampleBlock> driver = SampleBlocks.of(spark, data, Precision.F32, BLOCK, PARTITIONS);
            double[] a;
            double[] b;
            try (SparkObjective one = new SparkObjective(spark, distributed, CONFIG, settings(Precision.F32), 1)) {
                a = evaluate(one, theta);
            }
            try (SparkObjective other = new SparkObjective(spark, driver, CONFIG, settings(Precision.F32), 1)) {
                b = evaluate(other, theta);
            }
            assertArrayEquals(bits(b), bits(a));
        }
    }

    @Test
    void moreResultsThanTheDriverMayCollectAreRefusedBeforeTheFirstEvaluation() {
        Dataset data = randomData(20, 1234, 13);
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf().setMaster("local[2]").setAppName("limit")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.maxResultSize", "4k");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new SparkObjective(spark, SampleBlocks.of(spark, data, Precision.F64, BLOCK, PARTITIONS),
                            CONFIG, settings(Precision.F64), 1));
            assertTrue(e.getMessage().contains("spark.driver.maxResultSize"), e.getMessage());
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
