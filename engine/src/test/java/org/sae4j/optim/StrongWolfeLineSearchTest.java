package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrongWolfeLineSearchTest {

    private static OptimizationRun run(DifferentiableFunction f, int maxEvaluations) {
        return new OptimizationRun(f, new StoppingCriteria(100, maxEvaluations, 0, 0), null, null);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-3, 0.05, 1, 30, 1e4})
    void findsAStrongWolfeStepFromAnyInitialStep(double initialStep) {
        DifferentiableFunction f = TestFunctions.rosenbrock(2);
        double[] x = TestFunctions.rosenbrockStart(2);
        double[] g = new double[2];
        double f0 = f.evaluate(x, g);
        double[] d = {-g[0], -g[1]};
        double gd0 = Vectors.dot(g, d);
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(2);

        LineSearchOutcome outcome = search.search(run(f, 100), x, f0, d, gd0, initialStep, 0);

        assertEquals(LineSearchOutcome.SATISFIED, outcome);
        double t = search.step();
        double[] point = {x[0] + t * d[0], x[1] + t * d[1]};
        double[] gt = new double[2];
        double ft = f.evaluate(point, gt);
        assertEquals(ft, search.value(), 0);
        assertEquals(gt[0], search.gradient()[0], 0);
        assertEquals(gt[1], search.gradient()[1], 0);
        assertTrue(ft <= f0 + 1e-4 * t * gd0, "sufficient decrease");
        assertTrue(Math.abs(Vectors.dot(gt, d)) <= 0.9 * Math.abs(gd0), "curvature");
    }

    @Test
    void backsOffFromNonFiniteValuesToAFiniteWolfePoint() {
        // f(x) = (x - 1)² but NaN beyond x = 1.5; searching from 0 along +1 with an initial step of 100.
        DifferentiableFunction f = oneDimensional(x -> x > 1.5 ? Double.NaN : (x - 1) * (x - 1), x -> 2 * (x - 1));
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(1);

        LineSearchOutcome outcome = search.search(run(f, 100), new double[] {0}, 1, new double[] {1}, -2, 100, 0);

        assertEquals(LineSearchOutcome.SATISFIED, outcome);
        double t = search.step();
        assertTrue(t <= 1.5);
        assertTrue((t - 1) * (t - 1) <= 1 - 1e-4 * t * 2);
        assertTrue(Math.abs(2 * (t - 1)) <= 0.9 * 2);
    }

    @Test
    void givesUpAfterRepeatedNonFiniteValues() {
        TestFunctions.Recording f = new TestFunctions.Recording(oneDimensional(x -> x > 0 ? Double.NaN : 0, x -> -1));
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(1);

        LineSearchOutcome outcome = search.search(run(f, 1000), new double[] {0}, 0, new double[] {1}, -1, 1, 0);

        assertEquals(LineSearchOutcome.NON_FINITE, outcome);
        assertEquals(0, search.step());
        assertEquals(StrongWolfeLineSearch.MAX_NON_FINITE, f.calls());
    }

    @Test
    void stopsAtTheEvaluationBudgetKeepingTheBestDecrease() {
        // A linear function keeps decreasing, so the search extrapolates until the budget runs out.
        TestFunctions.Recording f = new TestFunctions.Recording(oneDimensional(x -> -x, x -> -1));
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(1);
        OptimizationRun run = run(f, 4);

        LineSearchOutcome outcome = search.search(run, new double[] {0}, 0, new double[] {1}, -1, 1, 0);

        assertEquals(LineSearchOutcome.EVALUATION_LIMIT, outcome);
        assertEquals(4, f.calls());
        double lastPoint = f.points.get(3)[0];
        assertEquals(lastPoint, search.step(), 0);
        assertEquals(-lastPoint, search.value(), 0);
    }

    @Test
    void stallsWhenNoDecreaseIsPossible() {
        // The slope claims descent but the function only rises: no step can satisfy sufficient decrease.
        DifferentiableFunction f = oneDimensional(x -> Math.abs(x), x -> Math.signum(x));
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(1);

        LineSearchOutcome outcome = search.search(run(f, 1000), new double[] {0}, 0, new double[] {1}, -1, 1, 1e-12);

        assertEquals(LineSearchOutcome.STALLED, outcome);
        assertEquals(0, search.step());
        assertEquals(LineSearchOutcome.STALLED.termination(false), Termination.LINE_SEARCH_FAILED);
    }

    private static DifferentiableFunction oneDimensional(java.util.function.DoubleUnaryOperator value,
                                                         java.util.function.DoubleUnaryOperator slope) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                g[0] = slope.applyAsDouble(x[0]);
                return value.applyAsDouble(x[0]);
            }
        };
    }
}
