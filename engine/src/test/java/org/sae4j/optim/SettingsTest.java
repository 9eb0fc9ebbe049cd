package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SettingsTest {

    private static void assertRejected(String expectedMessage, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void lbfgsDefaults() {
        Lbfgs lbfgs = Lbfgs.withDefaults();
        assertEquals(10, lbfgs.history());
        assertEquals(400, lbfgs.maxIterations());
        assertEquals(820, lbfgs.maxEvaluations());
        assertEquals(1e-5, lbfgs.gradientTolerance());
        assertEquals(1e-9, lbfgs.progressTolerance());
        assertEquals(120, Lbfgs.builder().maxIterations(50).build().maxEvaluations());
        assertEquals(Integer.MAX_VALUE, Lbfgs.builder().maxIterations(Integer.MAX_VALUE).build().maxEvaluations());
        assertEquals(7, Lbfgs.builder().maxEvaluations(7).maxIterations(50).build().maxEvaluations());
    }

    @Test
    void gradientDescentDefaults() {
        GradientDescent gd = GradientDescent.builder().build();
        assertEquals(1.0, gd.learningRate());
        assertTrue(gd.backtracking());
        assertEquals(400, gd.maxIterations());
        assertEquals(820, gd.maxEvaluations());
        assertFalse(GradientDescent.builder().backtracking(false).build().backtracking());
    }

    @Test
    void lbfgsRejectsInvalidSettings() {
        assertRejected("history must be >= 1, got -1", () -> Lbfgs.builder().history(-1).build());
        assertRejected("history must be >= 1, got 0", () -> Lbfgs.builder().history(0).build());
        assertRejected("maxIterations must be >= 1, got 0", () -> Lbfgs.builder().maxIterations(0).build());
        assertRejected("maxEvaluations must be >= 1, got -5", () -> Lbfgs.builder().maxEvaluations(-5).build());
        assertRejected("gradientTolerance must be finite and >= 0, got -1.0E-5",
                () -> Lbfgs.builder().gradientTolerance(-1e-5).build());
        assertRejected("gradientTolerance must be finite and >= 0, got NaN",
                () -> Lbfgs.builder().gradientTolerance(Double.NaN).build());
        assertRejected("progressTolerance must be finite and >= 0, got Infinity",
                () -> Lbfgs.builder().progressTolerance(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void gradientDescentRejectsInvalidSettings() {
        assertRejected("learningRate must be finite and > 0, got 0.0", () -> GradientDescent.builder().learningRate(0).build());
        assertRejected("learningRate must be finite and > 0, got NaN",
                () -> GradientDescent.builder().learningRate(Double.NaN).build());
        assertRejected("maxIterations must be >= 1, got -3", () -> GradientDescent.builder().maxIterations(-3).build());
        assertRejected("progressTolerance must be finite and >= 0, got -1.0",
                () -> GradientDescent.builder().progressTolerance(-1).build());
    }

    @Test
    void minimizeRejectsBadStartingPoints() {
        DifferentiableFunction f = TestFunctions.rosenbrock(3);
        for (Optimizer optimizer : new Optimizer[] {Lbfgs.withDefaults(), GradientDescent.builder().build()}) {
            assertRejected("x0 has length 2 but the function's dimension is 3",
                    () -> optimizer.minimize(f, new double[2], null, null));
            assertRejected("x0[1] is NaN; the starting point must be finite",
                    () -> optimizer.minimize(f, new double[] {0, Double.NaN, 0}, null, null));
            assertThrows(NullPointerException.class, () -> optimizer.minimize(f, null, null, null));
        }
    }

    @Test
    void everyTerminationHasADescription() {
        for (Termination t : Termination.values()) {
            assertFalse(t.description().isBlank(), t.name());
        }
    }
}
