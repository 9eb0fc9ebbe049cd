package org.sae4j.optim;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The bookkeeping of one {@code minimize} call: counts evaluations and iterations, enforces the
 * budgets, watches for cancellation, records the value history and informs the listener.
 */
final class OptimizationRun {
    /** The value history starts at most this long and doubles when full, so huge budgets cost nothing up front. */
    private static final int INITIAL_HISTORY = 1024;

    private final DifferentiableFunction function;
    private final StoppingCriteria criteria;
    private final ProgressListener listener;
    private final Cancellation cancellation;
    private final long startNanos = System.nanoTime();
    /** Time spent before a resumed run began. */
    private final long earlierNanos;
    private double[] values;
    private int iterations;
    private int evaluations;
    /** The optimiser's vectors for a state, made once so that iterations without a snapshot allocate nothing. */
    private Supplier<OptimizerState> snapshot;

    OptimizationRun(DifferentiableFunction function, StoppingCriteria criteria, ProgressListener listener,
                    Cancellation cancellation) {
        this.function = function;
        this.criteria = criteria;
        this.listener = listener;
        this.cancellation = cancellation;
        this.values = new double[Math.min(criteria.maxIterations(), INITIAL_HISTORY) + 1];
        this.earlierNanos = 0;
    }

    /** A run that continues from {@code state}: its counts, value history and elapsed time. */
    OptimizationRun(DifferentiableFunction function, StoppingCriteria criteria, ProgressListener listener,
                    Cancellation cancellation, OptimizerState state) {
        this.function = function;
        this.criteria = criteria;
        this.listener = listener;
        this.cancellation = cancellation;
        this.iterations = state.iterations();
        this.evaluations = state.evaluations();
        double[] history = state.valueHistory();
        this.values = Arrays.copyOf(history, Math.max(history.length,
                Math.min(criteria.maxIterations(), INITIAL_HISTORY) + 1));
        this.earlierNanos = state.elapsed().toNanos();
    }

    /**
     * Checks that {@code state} can be resumed by an optimiser of these settings on {@code f}, and returns
     * the dimension.
     */
    static int checkResume(DifferentiableFunction f, OptimizerState state, String settings) {
        Objects.requireNonNull(state, "state");
        if (!state.settings().equals(settings)) {
            throw new IllegalArgumentException("the state was saved by " + state.settings()
                    + "; this optimiser is " + settings + ", so it would not take the same steps");
        }
        return checkStart(f, state.stored(OptimizerState.POINT));
    }

    /**
     * Lets the optimiser's state be captured after every iteration: {@code arrays} names its vectors
     * (as live references; the state copies them) and is called only when a listener asks.
     */
    void stateFrom(String settings, Supplier<Map<String, double[]>> arrays) {
        this.snapshot = () -> new OptimizerState(settings, iterations, evaluations, elapsed(),
                Arrays.copyOf(values, iterations + 1), arrays.get());
    }

    /** Checks the arguments of {@link Optimizer#minimize} and returns the dimension. */
    static int checkStart(DifferentiableFunction f, double[] x0) {
        Objects.requireNonNull(f, "function");
        Objects.requireNonNull(x0, "x0");
        int n = f.dimension();
        if (n < 1) {
            throw new IllegalArgumentException("function dimension must be >= 1, got " + n);
        }
        if (x0.length != n) {
            throw new IllegalArgumentException("x0 has length " + x0.length + " but the function's dimension is " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("x0[" + i + "] is " + x0[i] + "; the starting point must be finite");
            }
        }
        return n;
    }

    /** Evaluates the function at {@code x0} and records it as history entry 0. */
    double start(double[] x0, double[] gradient) {
        double value = evaluate(x0, gradient);
        values[0] = value;
        return value;
    }

    double evaluate(double[] x, double[] gradient) {
        evaluations++;
        return function.evaluate(x, gradient);
    }

    /** {@code CANCELLED} or {@code EVALUATION_LIMIT} if no further evaluation may start, else null. */
    Termination interruption() {
        if ((cancellation != null && cancellation.isCancelled()) || Thread.currentThread().isInterrupted()) {
            return Termination.CANCELLED;
        }
        return evaluations >= criteria.maxEvaluations() ? Termination.EVALUATION_LIMIT : null;
    }

    /** Why no further iteration may start, or null if one may. */
    Termination beforeIteration() {
        Termination stop = interruption();
        if (stop == Termination.CANCELLED) {
            return stop;
        }
        return iterations >= criteria.maxIterations() ? Termination.ITERATION_LIMIT : stop;
    }

    /** Records a completed iteration and tells the listener. */
    void completeIteration(double value, double gradientNorm, double step) {
        iterations++;
        if (iterations == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * values.length));
        }
        values[iterations] = value;
        if (listener != null) {
            IterationInfo info = new IterationInfo(iterations, evaluations, value, gradientNorm, step, elapsed());
            listener.onIteration(info);
            if (snapshot != null) {
                listener.onState(info, snapshot);
            }
        }
    }

    /** The convergence test after an iteration: optimality first, then lack of progress; null to go on. */
    Termination converged(double gradientNorm, double largestStep, double valueChange) {
        if (gradientNorm <= criteria.gradientTolerance()) {
            return Termination.GRADIENT_TOLERANCE;
        }
        if (largestStep <= criteria.progressTolerance() || Math.abs(valueChange) <= criteria.progressTolerance()) {
            return Termination.NO_PROGRESS;
        }
        return null;
    }

    /**
     * The convergence test the resumed run's source made right after its state was taken: of the last
     * iteration's gradient, step and change, or of the gradient alone when no iteration was made.
     */
    Termination resumedStop(OptimizerState state, double gradientNorm, double largestStep, double change) {
        if (state.iterations() == 0) {
            return gradientNorm <= criteria.gradientTolerance() ? Termination.GRADIENT_TOLERANCE : null;
        }
        return converged(gradientNorm, largestStep, change);
    }

    OptimizationResult result(double[] x, double value, Termination termination) {
        return new OptimizationResult(x, value, iterations, evaluations, termination,
                Arrays.copyOf(values, iterations + 1), elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(earlierNanos + System.nanoTime() - startNanos);
    }
}
