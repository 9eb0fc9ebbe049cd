package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixtures' gradients agree with central differences, so the optimiser tests rest on solid ground. */
class TestFunctionsTest {

    @Test
    void rosenbrockGradientMatchesFiniteDifferences() {
        checkGradient(TestFunctions.rosenbrock(7), 1e-5);
    }

    @Test
    void rosenbrockIsZeroAtOnesAndKnownAtStart() {
        assertEquals(0, TestFunctions.valueAt(TestFunctions.rosenbrock(6), TestFunctions.filled(6, 1)), 0);
        // 2-D at (-1.2, 1): 100(1 - 1.44)² + (2.2)² = 19.36 + 4.84.
        assertEquals(24.2, TestFunctions.valueAt(TestFunctions.rosenbrock(2), TestFunctions.rosenbrockStart(2)), 1e-12);
    }

    @Test
    void quadraticGradientMatchesFiniteDifferences() {
        checkGradient(TestFunctions.diagonalQuadratic(new double[] {1, 3, 50}, new double[] {2, -1, 0.5}), 1e-6);
    }

    private static void checkGradient(DifferentiableFunction f, double tolerance) {
        Random random = new Random(3);
        int n = f.dimension();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        double[] g = new double[n];
        f.evaluate(x, g);
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (TestFunctions.valueAt(f, plus) - TestFunctions.valueAt(f, minus)) / (2 * h);
            assertEquals(numeric, g[i], tolerance * Math.max(1, Math.abs(numeric)), "component " + i);
        }
    }
}
