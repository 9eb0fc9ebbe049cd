package org.sae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.optim.GradientCheck;
import org.sae4j.optim.Lbfgs;
import org.sae4j.precision.Precision;
import org.sae4j.train.TrainingSpec;

/** Softmax regression against a naive reference, its gradient check, determinism, training and prediction. */
class SoftmaxTest {
    private static final SoftmaxRegression CONFIG = new SoftmaxRegression(7, 4, 1e-3);

    private static Dataset data(int v, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    private static int[] labels(int m, int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    private static double[] theta(SoftmaxRegression c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[c.parameterCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextDouble(-0.8, 0.8);
        }
        return t;
    }

    private static EvaluationSettings settings(int threads, int chunk) {
        return EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(threads).withChunkSize(chunk);
    }

    /** The formulas of {@link SoftmaxRegression}, one sample at a time, in plain loops. */
    private static double naive(SoftmaxRegression c, Dataset x, int[] y, double[] theta, double[] grad) {
        int k = c.classes();
        int v = c.features();
        int m = x.samples();
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        for (int s = 0; s < m; s++) {
            double[] z = new double[k];
            double total = 0;
            for (int cl = 0; cl < k; cl++) {
                z[cl] = theta[c.biasOffset() + cl];
                for (int j = 0; j < v; j++) {
                    z[cl] += theta[cl + k * j] * x.get(j, s);
                }
                total += Math.exp(z[cl]);
            }
            loss -= Math.log(Math.exp(z[y[s]]) / total);
            for (int cl = 0; cl < k; cl++) {
                double d = Math.exp(z[cl]) / total - (cl == y[s] ? 1 : 0);
                for (int j = 0; j < v; j++) {
                    grad[cl + k * j] += d * x.get(j, s) / m;
                }
                grad[c.biasOffset() + cl] += d / m;
            }
        }
        double decay = 0;
        for (int i = 0; i < c.biasOffset(); i++) {
            decay += theta[i] * theta[i];
            grad[i] += c.lambda() * theta[i];
        }
        return loss / m + 0.5 * c.lambda() * decay;
    }

    private static double relativeDifference(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void agreesWithTheNaiveFormulasTo1e10() {
        Dataset x = data(7, 333, 1);
        int[] y = labels(333, 4, 2);
        double[] theta = theta(CONFIG, 3);
        double[] expected = new double[theta.length];
        double cost = naive(CONFIG, x, y, theta, expected);
        double[] grad = new double[theta.length];
        double j;
        try (SoftmaxObjective f = new SoftmaxObjective(CONFIG, x, y, settings(2, 50))) {
            j = f.evaluate(theta, grad);
        }
        assertEquals(cost, j, 1e-10 * Math.abs(cost));
        assertTrue(relativeDifference(grad, expected) <= 1e-10, "gradient differs by "
                + relativeDifference(grad, expected));
    }

    @Test
    void gradientCheckBelow1e9() {
        Dataset x = data(7, 120, 4);
        try (SoftmaxObjective f = new SoftmaxObjective(CONFIG, x, labels(120, 4, 5), settings(2, 32))) {
            GradientCheck.Result r = GradientCheck.check(f, theta(CONFIG, 6));
            assertTrue(r.relativeDifference() < 1e-9, "relative difference " + r.relativeDifference());
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void bitwiseIdenticalForAnyThreadCount(Precision precision) {
        Dataset x = data(7, 1001, 7).toPrecision(precision);
        int[] y = labels(1001, 4, 8);
        double[] theta = theta(CONFIG, 9);
        double[][] grads = new double[3][theta.length];
        double[] costs = new double[3];
        for (int t = 1; t <= 3; t++) {
            try (SoftmaxObjective f = new SoftmaxObjective(CONFIG, x, y, settings(t, 37))) {
                costs[t - 1] = f.evaluate(theta, grads[t - 1]);
            }
        }
        for (int t = 1; t < 3; t++) {
            assertEquals(Double.doubleToRawLongBits(costs[0]), Double.doubleToRawLongBits(costs[t]));
            assertArrayEquals(grads[0], grads[t], 0.0);
        }
    }

    /** f32 products differ from the f64 objective of the same (rounded) data by f32 rounding only. */
    @Test
    void f32ProductsAgreeWithTheNaiveFormulasTo1e5() {
        Dataset f32 = data(7, 1001, 16).toPrecision(Precision.F32);
        int[] y = labels(1001, 4, 17);
        double[] theta = theta(CONFIG, 18);
        double[] expected = new double[theta.length];
        double cost = naive(CONFIG, f32.toPrecision(Precision.F64), y, theta, expected);
        double[] grad = new double[theta.length];
        double j;
        try (SoftmaxObjective f = new SoftmaxObjective(CONFIG, f32, y, settings(2, 37))) {
            j = f.evaluate(theta, grad);
        }
        assertEquals(cost, j, 1e-5 * Math.abs(cost));
        double d = relativeDifference(grad, expected);
        assertTrue(d <= 1e-5, "gradient differs by " + d);
        assertTrue(d > 0, "f32 products should not be exact: were they run in f64?");
    }

    @Test
    void largeScoresStayFinite() {
        Dataset x = data(7, 50, 10);
        double[] theta = theta(CONFIG, 11);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 2000;
        }
        double[] grad = new double[theta.length];
        try (SoftmaxObjective f = new SoftmaxObjective(CONFIG, x, labels(50, 4, 12), settings(1, 16))) {
            double j = f.evaluate(theta, grad);
            assertTrue(Double.isFinite(j), "J = " + j);
        }
        for (double g : grad) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void trainsToSeparateClustersAndPredictsTheirLabelsWithoutAllocating() {
        // three clusters labelled 3, 7 and 9 (the classes are the labels present)
        int m = 600;
        SplittableRandom rnd = new SplittableRandom(13);
        double[] xs = new double[5 * m];
        int[] y = new int[m];
        int[] names = {3, 7, 9};
        for (int s = 0; s < m; s++) {
            int c = s % 3;
            y[s] = names[c];
            for (int j = 0; j < 5; j++) {
                xs[s * 5 + j] = (j == c ? 2.0 : 0.0) + rnd.nextGaussian() * 0.3;
            }
        }
        Dataset x = Dataset.ofDoubles(5, m, xs);
        SoftmaxTrainer.Result r = SoftmaxTrainer.of(1e-4, TrainingSpec.defaults()
                .withSettings(settings(2, 100))
                .withOptimizer(Lbfgs.builder().maxIterations(100).build())).train(x, y);
        SoftmaxClassifier classifier = r.classifier();
        assertArrayEquals(names, classifier.classLabels());
        int correct = 0;
        double[] sample = new double[5];
        for (int s = 0; s < m; s++) {
            System.arraycopy(xs, s * 5, sample, 0, 5);
            if (classifier.predict(sample) == y[s]) {
                correct++;
            }
        }
        assertTrue(correct >= 0.98 * m, correct + " of " + m + " correct");

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int sum = 0;
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(xs, (i % m) * 5, sample, 0, 5);
            sum += classifier.predict(sample);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10 000 predictions (sum " + sum + ")");
    }

    @Test
    void badLabelsAreRefusedNamingTheProblem() {
        Dataset x = data(7, 10, 14);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxTrainer.of(1e-4, TrainingSpec.defaults()).train(x, new int[9]));
        assertTrue(count.getMessage().contains("9 labels for 10 samples"), count.getMessage());
        int[] negative = labels(10, 3, 15);
        negative[4] = -1;
        IllegalArgumentException minus = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxTrainer.of(1e-4, TrainingSpec.defaults()).train(x, negative));
        assertTrue(minus.getMessage().contains("label 4 is -1"), minus.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxTrainer.of(1e-4, TrainingSpec.defaults()).train(x, new int[10]));
        assertTrue(one.getMessage().contains("at least 2 classes"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxObjective(CONFIG, x, new int[] {0, 1, 2, 3, 4,
                0, 1, 2, 3, 0}, settings(1, 4)), "label 4 is out of range for 4 classes");
    }
}
