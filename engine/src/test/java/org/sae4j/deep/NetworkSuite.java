package org.sae4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.classify.SoftmaxClassifier;
import org.sae4j.classify.SoftmaxRegression;
import org.sae4j.data.Dataset;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.GradientCheck;
import org.sae4j.precision.Precision;

/**
 * The stacked network's contract on one backend: the gradient check, agreement with the plain-loop
 * {@link NetworkReference} per precision, the same bits on any thread count, and features equal to the
 * chained autoencoders'. Each backend's test class extends this and supplies {@link #backend()}.
 */
public abstract class NetworkSuite {
    /** f32 rounds the products, activations and δ: relative agreement with the f64 reference. */
    static final double F32_COST_TOLERANCE = 1e-5;
    static final double F32_GRADIENT_TOLERANCE = 1e-3;
    static final double F64_TOLERANCE = 1e-12;

    protected abstract MatrixBackend backend();

    record Problem(int inputs, int[] widths, int classes, double lambda, int samples, int chunk) {
        StackedNetwork network() {
            return new StackedNetwork(inputs, widths, classes, lambda);
        }

        @Override
        public String toString() {
            return network() + ", m=" + samples + ", chunk=" + chunk;
        }
    }

    static Stream<Problem> problems() {
        return Stream.of(
                new Problem(8, new int[] {5}, 3, 1e-3, 23, 7),
                new Problem(9, new int[] {6, 5}, 3, 3e-3, 31, 8),
                new Problem(7, new int[] {6, 4, 5}, 4, 1e-4, 17, 17),
                new Problem(6, new int[] {3, 9}, 2, 0, 40, 256));
    }

    static Dataset randomData(int v, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0, 1);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    static int[] randomLabels(int classes, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = i < classes ? i : rnd.nextInt(classes);
        }
        return y;
    }

    /** Weights and biases uniform in ±0.5, so that no unit saturates and every gradient entry matters. */
    static double[] randomTheta(StackedNetwork net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = new double[net.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rnd.nextDouble(-0.5, 0.5);
        }
        return theta;
    }

    EvaluationSettings settings(int threads, int chunk, Precision precision) {
        return new EvaluationSettings(backend(), threads, chunk, precision,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientCheckBelow1e9InDoublePrecision(Problem p) {
        StackedNetwork net = p.network();
        Dataset data = randomData(p.inputs(), p.samples(), 1);
        try (NetworkObjective f = new NetworkObjective(net, data, randomLabels(p.classes(), p.samples(), 2),
                settings(2, p.chunk(), Precision.F64))) {
            GradientCheck.Result r = GradientCheck.check(f, randomTheta(net, 3));
            assertTrue(r.relativeDifference() < 1e-9, p + ": relative difference " + r.relativeDifference() + ", worst "
                    + Arrays.toString(r.worst()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void matchesThePlainReferenceInBothPrecisions(Problem p) {
        StackedNetwork net = p.network();
        Dataset data = randomData(p.inputs(), p.samples(), 4);
        int[] y = randomLabels(p.classes(), p.samples(), 5);
        double[] theta = randomTheta(net, 6);
        double[] expected = new double[theta.length];
        double cost = NetworkReference.evaluate(net, data, y, theta, expected);
        for (Precision precision : Precision.values()) {
            double[] g = new double[theta.length];
            double j;
            try (NetworkObjective f = new NetworkObjective(net, data.toPrecision(precision), y,
                    settings(3, p.chunk(), precision))) {
                j = f.evaluate(theta, g);
            }
            double costTolerance = precision == Precision.F64 ? F64_TOLERANCE : F32_COST_TOLERANCE;
            double gradTolerance = precision == Precision.F64 ? F64_TOLERANCE : F32_GRADIENT_TOLERANCE;
            assertEquals(cost, j, costTolerance * Math.abs(cost), p + " " + precision + ": J");
            double difference = 0;
            double norm = 0;
            for (int i = 0; i < g.length; i++) {
                difference = Math.max(difference, Math.abs(g[i] - expected[i]));
                norm = Math.max(norm, Math.abs(expected[i]));
            }
            assertTrue(difference <= gradTolerance * norm, p + " " + precision + ": largest gradient difference "
                    + difference + " against a largest entry of " + norm);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void theSameBitsOnAnyThreadCount(Precision precision) {
        StackedNetwork net = new StackedNetwork(12, new int[] {9, 7}, 4, 1e-3);
        Dataset data = randomData(12, 203, 7).toPrecision(precision);
        int[] y = randomLabels(4, 203, 8);
        double[] theta = randomTheta(net, 9);
        double[] first = null;
        double firstCost = 0;
        for (int threads : new int[] {1, 2, 3, 8}) {
            double[] g = new double[theta.length];
            try (NetworkObjective f = new NetworkObjective(net, data, y, settings(threads, 16, precision))) {
                double j = f.evaluate(theta, g);
                double again = f.evaluate(theta, g);
                assertEquals(Double.doubleToLongBits(j), Double.doubleToLongBits(again), "a second evaluation");
                if (first == null) {
                    first = g;
                    firstCost = j;
                } else {
                    assertEquals(Double.doubleToLongBits(firstCost), Double.doubleToLongBits(j), threads + " threads: J");
                    assertArrayEquals(first, g, threads + " threads: the gradient");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void dataOfTheOtherPrecisionIsReadInTheSettingsPrecision(Precision precision) {
        StackedNetwork net = new StackedNetwork(8, new int[] {5}, 3, 1e-3);
        Dataset data = randomData(8, 40, 12);
        Precision other = precision == Precision.F64 ? Precision.F32 : Precision.F64;
        int[] y = randomLabels(3, 40, 13);
        double[] theta = randomTheta(net, 14);
        double[] same = new double[theta.length];
        double[] converted = new double[theta.length];
        try (NetworkObjective a = new NetworkObjective(net, data.toPrecision(precision).toPrecision(other)
                .toPrecision(precision), y, settings(2, 16, precision));
             NetworkObjective b = new NetworkObjective(net, data.toPrecision(precision).toPrecision(other), y,
                     settings(2, 16, precision))) {
            assertEquals(a.evaluate(theta, same), b.evaluate(theta, converted));
        }
        assertArrayEquals(same, converted);
    }

    /** The network stacked from autoencoders encodes as the autoencoders do one after the other. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void aStackedNetworksFeaturesAreTheChainedAutoencodersBitForBit(Precision precision) {
        SparseAutoencoderConfig first = new SparseAutoencoderConfig(10, 7, 0.1, 1e-3, 3);
        SparseAutoencoderConfig second = new SparseAutoencoderConfig(7, 5, 0.1, 1e-3, 3);
        TrainedModel a = new TrainedModel(first, first.initialParameters(1));
        TrainedModel b = new TrainedModel(second, second.initialParameters(2));
        StackedNetwork net = new StackedNetwork(10, new int[] {7, 5}, 3, 0);
        SoftmaxClassifier top = new SoftmaxClassifier(new SoftmaxRegression(5, 3, 0),
                Arrays.copyOf(randomTheta(net, 3), 18), new int[] {0, 4, 7});
        DeepNetwork network = DeepNetwork.stack(java.util.List.of(a, b), top, 0);
        Dataset data = randomData(10, 700, 4).toPrecision(precision);
        EvaluationSettings s = settings(2, EvaluationSettings.AUTO_CHUNK, precision);
        Dataset chained = b.features(a.features(data, s), s);
        Dataset stacked = network.features(data, 2, s);
        assertArrayEquals(values(chained), values(stacked), "layer 2");
        assertArrayEquals(values(a.features(data, s)), values(network.features(data, 1, s)), "layer 1");
        assertArrayEquals(top.predict(chained), network.predict(data, s), "the predictions");
        assertThrows(IllegalArgumentException.class, () -> network.features(data, 3, s));
        assertThrows(IllegalArgumentException.class, () -> network.features(randomData(9, 3, 1), 1, s));
    }

    static double[] values(Dataset d) {
        Dataset f64 = d.toPrecision(Precision.F64);
        double[] out = new double[d.samples() * d.features()];
        org.sae4j.data.SampleReader r = f64.reader(d.samples());
        r.read(0, d.samples());
        System.arraycopy(r.doubles(), r.offset(), out, 0, out.length);
        return out;
    }
}
