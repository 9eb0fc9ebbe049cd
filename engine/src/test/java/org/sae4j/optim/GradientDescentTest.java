package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void backtrackingDecreasesRosenbrockMonotonically() {
        List<IterationInfo> infos = new ArrayList<>();
        TestFunctions.Recording f = new TestFunctions.Recording(TestFunctions.rosenbrock(2));
        GradientDescent gd = GradientDescent.builder().learningRate(0.01).maxIterations(500).maxEvaluations(100_000).build();

        OptimizationResult result = gd.minimize(f, TestFunctions.rosenbrockStart(2), infos::add, null);

        assertEquals(Termination.ITERATION_LIMIT, result.termination(), result.toString());
        double[] history = result.valueHistory();
        assertEquals(501, history.length);
        for (int k = 1; k < history.length; k++) {
            assertTrue(history[k] < history[k - 1], "iteration " + k);
            assertEquals(history[k], infos.get(k - 1).value(), 0);
            assertTrue(infos.get(k - 1).step() <= 0.01);
        }
        assertEquals(history[500], result.value(), 0);
        assertEquals(TestFunctions.valueAt(f.inner, result.x()), result.value(), 0);
        assertEquals(f.calls(), result.evaluations());
        assertTrue(result.value() < 0.1 * history[0]);
    }

    @Test
    void backtrackingConvergesOnAnIllConditionedQuadratic() {
        int n = 10;
        double[] a = TestFunctions.logSpaced(n, 100);
        double[] b = TestFunctions.wavyOnes(n);
        GradientDescent gd = GradientDescent.builder().learningRate(1).gradientTolerance(1e-8).progressTolerance(0)
                .maxIterations(20_000).build();

        OptimizationResult result = gd.minimize(TestFunctions.centredQuadratic(a, b), new double[n], null, null);

        assertEquals(Termination.GRADIENT_TOLERANCE, result.termination(), result.toString());
        for (int i = 0; i < n; i++) {
            assertEquals(b[i] / a[i], result.x()[i], 1e-8 / a[i] * 1.0001, "component " + i);
        }
    }

    @Test
    void fixedStepConvergesOnAWellConditionedQuadratic() {
        double[] a = {1, 2, 3, 4};
        double[] b = {1, -2, 0.5, 4};
        List<IterationInfo> infos = new ArrayList<>();
        GradientDescent gd = GradientDescent.builder().learningRate(0.4).backtracking(false)
                .gradientTolerance(1e-9).progressTolerance(0).build();

        OptimizationResult result = gd.minimize(TestFunctions.centredQuadratic(a, b), new double[4], infos::add, null);

        assertEquals(Termination.GRADIENT_TOLERANCE, result.termination(), result.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals(b[i] / a[i], result.x()[i], 1e-9);
        }
        // The error contracts by max|1 - 0.4·a_i| = 0.6 per step: about 45 steps to reach 1e-9.
        assertTrue(result.iterations() < 60, result.toString());
        assertEquals(result.iterations() + 1, result.evaluations());
        infos.forEach(info -> assertEquals(0.4, info.step(), 0));
    }

    @Test
    void fixedStepThatDivergesStopsAtNonFiniteWithTheBestPoint() {
        // Step 1 solves the a = 1 component at once but triples the a = 4 component every iteration.
        double[] a = {1, 4};
        double[] b = {1, 1e-3};
        DifferentiableFunction f = TestFunctions.diagonalQuadratic(a, b);
        GradientDescent gd = GradientDescent.builder().learningRate(1).backtracking(false).maxIterations(5000).build();

        OptimizationResult result = gd.minimize(f, new double[] {0, 1e-3}, null, null);

        assertEquals(Termination.NON_FINITE, result.termination(), result.toString());
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : result.valueHistory()) {
            lowest = Math.min(lowest, v);
        }
        assertEquals(lowest, result.value(), 0);
        assertEquals(TestFunctions.valueAt(f, result.x()), result.value(), 0);
        assertTrue(Vectors.allFinite(result.x()));
        assertTrue(result.valueHistory()[result.iterations()] > result.value(), "the values rose after the best point");
    }

    @Test
    void valueHistoryGrowsBeyondItsInitialCapacity() {
        // f = x²/2 with step 1e-3: x_k = 0.999^k exactly in exact arithmetic.
        GradientDescent gd = GradientDescent.builder().learningRate(1e-3).backtracking(false).maxIterations(3000)
                .gradientTolerance(0).progressTolerance(0).build();

        OptimizationResult result = gd.minimize(TestFunctions.diagonalQuadratic(new double[] {1}, new double[] {0}),
                new double[] {1}, null, null);

        assertEquals(Termination.ITERATION_LIMIT, result.termination());
        assertEquals(3001, result.valueHistory().length);
        for (int k = 0; k <= 3000; k += 250) {
            assertEquals(0.5 * Math.pow(0.999, 2 * k), result.valueHistory()[k], 1e-11 * Math.pow(0.999, 2 * k));
        }
    }

    @Test
    void budgetsAndCancellation() {
        DifferentiableFunction f = TestFunctions.rosenbrock(2);
        double[] x0 = TestFunctions.rosenbrockStart(2);

        OptimizationResult limited = GradientDescent.builder().maxIterations(3).build().minimize(f, x0, null, null);
        assertEquals(Termination.ITERATION_LIMIT, limited.termination());
        assertEquals(3, limited.iterations());

        OptimizationResult starved = GradientDescent.builder().maxEvaluations(9).build().minimize(f, x0, null, null);
        assertEquals(Termination.EVALUATION_LIMIT, starved.termination());
        assertEquals(9, starved.evaluations());

        Cancellation cancellation = new Cancellation();
        OptimizationResult cancelled = GradientDescent.builder().build().minimize(f, x0, info -> {
            if (info.iteration() == 4) {
                cancellation.cancel();
            }
        }, cancellation);
        assertEquals(Termination.CANCELLED, cancelled.termination());
        assertEquals(4, cancelled.iterations());
        assertEquals(cancelled.valueHistory()[4], cancelled.value(), 0);

        OptimizationResult atOptimum = GradientDescent.builder().build().minimize(f, new double[] {1, 1}, null, null);
        assertEquals(Termination.GRADIENT_TOLERANCE, atOptimum.termination());
        assertEquals(0, atOptimum.iterations());
    }
}
