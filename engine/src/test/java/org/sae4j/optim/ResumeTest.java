package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.parallel.ParallelRuntime;

/** A state taken after any iteration and resumed gives the uninterrupted run's result, bit for bit. */
class ResumeTest {

    private static final int N = 40;
    private static final int BUDGET = 60;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("lbfgs", Lbfgs.builder().history(5).maxIterations(BUDGET).gradientTolerance(0)
                        .progressTolerance(0).build()),
                Arguments.of("gd backtracking", GradientDescent.builder().learningRate(1).maxIterations(BUDGET)
                        .gradientTolerance(0).progressTolerance(0).build()),
                Arguments.of("gd fixed step", GradientDescent.builder().learningRate(2e-4).backtracking(false)
                        .maxIterations(BUDGET).gradientTolerance(0).progressTolerance(0).build()));
    }

    /** Keeps the state of the iterations it is asked for. */
    private static final class StateKeeper implements ProgressListener {
        final List<Integer> wanted;
        final List<OptimizerState> states = new ArrayList<>();

        StateKeeper(Integer... wanted) {
            this.wanted = List.of(wanted);
        }

        @Override
        public void onIteration(IterationInfo info) {
        }

        @Override
        public void onState(IterationInfo info, Supplier<OptimizerState> state) {
            if (wanted.contains(info.iteration())) {
                states.add(state.get());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aResumedRunEndsBitwiseEqualToTheUninterruptedOne(String name, Optimizer optimizer) {
        DifferentiableFunction f = TestFunctions.rosenbrock(N);
        double[] x0 = TestFunctions.rosenbrockStart(N);
        StateKeeper keeper = new StateKeeper(1, 17, 59);
        OptimizationResult whole = optimizer.minimize(f, x0, keeper, null);
        assertEquals(BUDGET, whole.iterations(), "the run must use its whole budget for the test to mean much");
        assertEquals(3, keeper.states.size());
        for (OptimizerState state : keeper.states) {
            try (ParallelRuntime threads = ParallelRuntime.create(3)) {
                OptimizationResult resumed = optimizer.resume(f, state, null, null, threads);
                assertBitwiseEqual(whole, resumed, name + " resumed after iteration " + state.iterations());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aRunStoppedAtItsBudgetCanBeResumedToGoFurther(String name, Optimizer optimizer) {
        DifferentiableFunction f = TestFunctions.rosenbrock(N);
        double[] x0 = TestFunctions.rosenbrockStart(N);
        Optimizer shorter = rebudget(optimizer, 25);
        StateKeeper keeper = new StateKeeper(25);
        OptimizationResult first = shorter.minimize(f, x0, keeper, null);
        assertEquals(Termination.ITERATION_LIMIT, first.termination());
        assertEquals(shorter.resumeSettings(), optimizer.resumeSettings(), "budgets are not resume settings");
        OptimizationResult resumed = optimizer.resume(f, keeper.states.get(0), null, null);
        assertBitwiseEqual(optimizer.minimize(f, x0, null, null), resumed, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aStateIsRefusedByAnOptimizerThatWouldTakeOtherSteps(String name, Optimizer optimizer) {
        DifferentiableFunction f = TestFunctions.rosenbrock(N);
        StateKeeper keeper = new StateKeeper(3);
        optimizer.minimize(f, TestFunctions.rosenbrockStart(N), keeper, null);
        OptimizerState state = keeper.states.get(0);
        Optimizer other = optimizer instanceof Lbfgs ? Lbfgs.builder().history(6).build()
                : GradientDescent.builder().learningRate(0.5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.resume(f, state, null, null));
        assertTrue(e.getMessage().contains(other.resumeSettings()), e.getMessage());
        Optimizer crossKind = optimizer instanceof Lbfgs ? GradientDescent.builder().build() : Lbfgs.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> crossKind.resume(f, state, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> optimizer.resume(TestFunctions.rosenbrock(N + 2), state, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aStateIsACopyThatLaterIterationsDoNotChange(String name, Optimizer optimizer) {
        DifferentiableFunction f = TestFunctions.rosenbrock(N);
        StateKeeper early = new StateKeeper(5);
        optimizer.minimize(f, TestFunctions.rosenbrockStart(N), early, null);
        OptimizerState state = early.states.get(0);
        StateKeeper again = new StateKeeper(5);
        rebudget(optimizer, 5).minimize(f, TestFunctions.rosenbrockStart(N), again, null);
        for (String array : state.arrayNames()) {
            assertArrayEquals(again.states.get(0).array(array), state.array(array), array);
        }
        assertNotNull(state.point());
        assertEquals(6, state.valueHistory().length);
    }

    static void assertBitwiseEqual(OptimizationResult expected, OptimizationResult actual, String what) {
        assertArrayEquals(bits(expected.x()), bits(actual.x()), what + ": x");
        assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(actual.value()),
                what + ": value");
        assertEquals(expected.iterations(), actual.iterations(), what + ": iterations");
        assertEquals(expected.evaluations(), actual.evaluations(), what + ": evaluations");
        assertEquals(expected.termination(), actual.termination(), what + ": termination");
        assertArrayEquals(bits(expected.valueHistory()), bits(actual.valueHistory()), what + ": history");
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static Optimizer rebudget(Optimizer optimizer, int iterations) {
        if (optimizer instanceof Lbfgs l) {
            return Lbfgs.builder().history(l.history()).maxIterations(iterations)
                    .gradientTolerance(l.gradientTolerance()).progressTolerance(l.progressTolerance()).build();
        }
        GradientDescent g = (GradientDescent) optimizer;
        return GradientDescent.builder().learningRate(g.learningRate()).backtracking(g.backtracking())
                .maxIterations(iterations).gradientTolerance(g.gradientTolerance())
                .progressTolerance(g.progressTolerance()).build();
    }
}
