package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LbfgsTest {

    private static final Lbfgs TIGHT = Lbfgs.builder().gradientTolerance(1e-9).progressTolerance(0)
            .maxIterations(2000).build();

    @ParameterizedTest
    @ValueSource(ints = {2, 100})
    void rosenbrockConvergesToAllOnes(int n) {
        TestFunctions.Recording f = new TestFunctions.Recording(TestFunctions.rosenbrock(n));
        double[] x0 = TestFunctions.rosenbrockStart(n);

        OptimizationResult result = TIGHT.minimize(f, x0, null, null);

        assertEquals(Termination.GRADIENT_TOLERANCE, result.termination(), result.toString());
        assertTrue(TestFunctions.distance(result.x(), TestFunctions.filled(n, 1)) < 1e-5, result.toString());
        assertEquals(TestFunctions.valueAt(f.inner, result.x()), result.value(), 0);
        assertEquals(f.calls(), result.evaluations());
        assertArrayEquals(TestFunctions.rosenbrockStart(n), x0, "x0 must not be modified");
        double[] g = new double[n];
        f.inner.evaluate(result.x(), g);
        assertTrue(Vectors.maxAbs(g) <= 1e-9, "gradient at the result " + Vectors.maxAbs(g));
    }

    @Test
    void illConditionedQuadraticConvergesToSolution() {
        int n = 100;
        double[] a = TestFunctions.logSpaced(n, 1e4);
        assertEquals(1e4, a[n - 1] / a[0], 1e-8);
        double[] b = TestFunctions.wavyOnes(n);
        Lbfgs lbfgs = Lbfgs.builder().gradientTolerance(1e-8).progressTolerance(0).maxIterations(2000).build();

        OptimizationResult result = lbfgs.minimize(TestFunctions.centredQuadratic(a, b), new double[n], null, null);

        assertEquals(Termination.GRADIENT_TOLERANCE, result.termination(), result.toString());
        for (int i = 0; i < n; i++) {
            double expected = b[i] / a[i];
            assertEquals(expected, result.x()[i], 1e-6 * Math.abs(expected), "component " + i);
        }
    }

    @Test
    void quadraticWithCancellationStopsAtTheRoundingFloorNearTheSolution() {
        // In the form ½xᵀAx - bᵀx the value near the minimum is about -6.75, so decreases below about
        // 1e-15 are invisible: sufficient decrease can no longer be verified and the line search must
        // report failure rather than loop, keeping the accurate point it had reached.
        int n = 100;
        double[] a = TestFunctions.logSpaced(n, 1e4);
        double[] b = TestFunctions.wavyOnes(n);
        Lbfgs lbfgs = Lbfgs.builder().gradientTolerance(1e-8).progressTolerance(0).maxIterations(5000).build();

        OptimizationResult result = lbfgs.minimize(TestFunctions.diagonalQuadratic(a, b), new double[n], null, null);

        assertEquals(Termination.LINE_SEARCH_FAILED, result.termination(), result.toString());
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = b[i] / a[i];
        }
        double relative = TestFunctions.distance(result.x(), expected) / TestFunctions.distance(expected, new double[n]);
        assertTrue(relative < 1e-6, "relative error " + relative);
    }

    @Test
    void stopsWithNonFiniteAndReturnsLastAcceptedPointWhenFunctionTurnsNaN() {
        int healthyEvaluations = 12;
        DifferentiableFunction quadratic = TestFunctions.diagonalQuadratic(TestFunctions.logSpaced(10, 100),
                TestFunctions.filled(10, 1));
        int[] calls = {0};
        DifferentiableFunction poisoned = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 10;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                double f = quadratic.evaluate(x, g);
                return ++calls[0] > healthyEvaluations ? Double.NaN : f;
            }
        };
        List<IterationInfo> infos = new ArrayList<>();

        OptimizationResult result = Lbfgs.withDefaults().minimize(poisoned, new double[10], infos::add, null);

        assertEquals(Termination.NON_FINITE, result.termination(), result.toString());
        assertTrue(Vectors.allFinite(result.x()));
        assertTrue(Double.isFinite(result.value()));
        assertTrue(result.iterations() >= 1, "some iterations must have been accepted");
        // The result is the point accepted by the last iteration, re-evaluated independently.
        assertEquals(TestFunctions.valueAt(quadratic, result.x()), result.value(), 0);
        assertEquals(result.valueHistory()[result.iterations()], result.value(), 0);
        assertEquals(infos.get(infos.size() - 1).value(), result.value(), 0);
        assertEquals(healthyEvaluations + StrongWolfeLineSearch.MAX_NON_FINITE, result.evaluations());
    }

    @Test
    void backsOffFromANaNRegionAndStaysOutsideIt() {
        // Minimum at (1, 1), but the function is undefined beyond x[0] = 0.5.
        DifferentiableFunction quadratic = TestFunctions.diagonalQuadratic(new double[] {1, 4}, new double[] {1, 4});
        TestFunctions.Recording walled = new TestFunctions.Recording(new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                double f = quadratic.evaluate(x, g);
                return x[0] > 0.5 ? Double.NaN : f;
            }
        });

        OptimizationResult result = Lbfgs.withDefaults().minimize(walled, new double[] {0, 0}, null, null);

        assertEquals(Termination.NON_FINITE, result.termination(), result.toString());
        assertTrue(result.x()[0] <= 0.5 && Vectors.allFinite(result.x()), result.toString());
        assertEquals(TestFunctions.valueAt(quadratic, result.x()), result.value(), 0);
        double lowestFinite = walled.values.stream().filter(Double::isFinite).min(Double::compare).orElseThrow();
        assertTrue(result.value() <= TestFunctions.valueAt(quadratic, new double[] {0, 0}));
        assertTrue(result.value() >= lowestFinite);
        // Close to the constrained optimum (0.5, 1), whose value is 0.125 - 0.5 + 2 - 4 = -2.375.
        assertEquals(-2.375, result.value(), 1e-2);
    }

    @Test
    void nonFiniteAtStartIsReported() {
        DifferentiableFunction nan = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                g[0] = Double.NaN;
                return 1;
            }
        };
        OptimizationResult result = Lbfgs.withDefaults().minimize(nan, new double[] {3, 4}, null, null);
        assertEquals(Termination.NON_FINITE, result.termination());
        assertArrayEquals(new double[] {3, 4}, result.x());
        assertEquals(0, result.iterations());
    }

    @Test
    void iterationLimit() {
        OptimizationResult result = Lbfgs.builder().maxIterations(3).build()
                .minimize(TestFunctions.rosenbrock(2), TestFunctions.rosenbrockStart(2), null, null);
        assertEquals(Termination.ITERATION_LIMIT, result.termination());
        assertEquals(3, result.iterations());
        assertEquals(4, result.valueHistory().length);
    }

    @Test
    void evaluationLimit() {
        TestFunctions.Recording f = new TestFunctions.Recording(TestFunctions.rosenbrock(10));
        OptimizationResult result = Lbfgs.builder().maxEvaluations(7).build()
                .minimize(f, TestFunctions.rosenbrockStart(10), null, null);
        assertEquals(Termination.EVALUATION_LIMIT, result.termination());
        assertEquals(7, result.evaluations());
        assertEquals(7, f.calls());
        assertEquals(TestFunctions.valueAt(f.inner, result.x()), result.value(), 0);
        assertTrue(result.value() < f.values.get(0));
    }

    @Test
    void zeroGradientAtStartStopsImmediately() {
        TestFunctions.Recording f = new TestFunctions.Recording(TestFunctions.rosenbrock(4));
        OptimizationResult result = Lbfgs.withDefaults().minimize(f, TestFunctions.filled(4, 1), null, null);
        assertEquals(Termination.GRADIENT_TOLERANCE, result.termination());
        assertEquals(0, result.iterations());
        assertEquals(1, result.evaluations());
        assertArrayEquals(new double[] {0}, result.valueHistory());
        assertArrayEquals(TestFunctions.filled(4, 1), result.x());
    }

    @Test
    void cancellationFromListenerReturnsBestPointSoFar() {
        Cancellation cancellation = new Cancellation();
        TestFunctions.Recording f = new TestFunctions.Recording(TestFunctions.rosenbrock(2));
        OptimizationResult result = Lbfgs.withDefaults().minimize(f, TestFunctions.rosenbrockStart(2), info -> {
            if (info.iteration() == 5) {
                cancellation.cancel();
            }
        }, cancellation);
        assertTrue(cancellation.isCancelled());
        assertEquals(Termination.CANCELLED, result.termination());
        assertEquals(5, result.iterations());
        assertEquals(result.valueHistory()[5], result.value(), 0);
        assertEquals(TestFunctions.valueAt(f.inner, result.x()), result.value(), 0);
        for (double v : result.valueHistory()) {
            assertTrue(result.value() <= v);
        }
    }

    @Test
    void threadInterruptCancelsAndKeepsTheFlag() {
        try {
            OptimizationResult result = Lbfgs.withDefaults().minimize(TestFunctions.rosenbrock(2),
                    TestFunctions.rosenbrockStart(2), info -> {
                        if (info.iteration() == 2) {
                            Thread.currentThread().interrupt();
                        }
                    }, null);
            assertEquals(Termination.CANCELLED, result.termination());
            assertEquals(2, result.iterations());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void listenerSeesEveryIterationInOrder() {
        List<IterationInfo> infos = new ArrayList<>();
        OptimizationResult result = Lbfgs.withDefaults().minimize(TestFunctions.rosenbrock(2),
                TestFunctions.rosenbrockStart(2), infos::add, null);
        assertEquals(result.iterations(), infos.size());
        assertTrue(result.iterations() > 10);
        for (int k = 0; k < infos.size(); k++) {
            IterationInfo info = infos.get(k);
            assertEquals(k + 1, info.iteration());
            assertEquals(result.valueHistory()[k + 1], info.value(), 0);
            assertTrue(info.step() > 0);
            if (k > 0) {
                assertTrue(info.evaluations() > infos.get(k - 1).evaluations());
                assertFalse(info.elapsed().compareTo(infos.get(k - 1).elapsed()) < 0);
            }
        }
        assertTrue(infos.get(infos.size() - 1).evaluations() <= result.evaluations());
    }

    @Test
    void valuesNeverIncrease() {
        OptimizationResult result = Lbfgs.withDefaults().minimize(TestFunctions.rosenbrock(20),
                TestFunctions.rosenbrockStart(20), null, null);
        double[] history = result.valueHistory();
        for (int k = 1; k < history.length; k++) {
            assertTrue(history[k] < history[k - 1], "iteration " + k);
        }
    }
}
