package org.sae4j.optim;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

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
    private double[] values;
    private int iterations;
    private int evaluations;

    OptimizationRun(DifferentiableFunction function, StoppingCriteria criteria, ProgressListener listener,
                    Cancellation cancellation) {
        this.function = function;
        this.criteria = criteria;
        this.listener = listener;
        this.cancellation = cancellation;
        this.values = new double[Math.min(criteria.maxIterations(), INITIAL_HISTORY) + 1];
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
            listener.onIteration(new IterationInfo(iterations, evaluations, value, gradientNorm, step, elapsed()));
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

    OptimizationResult result(double[] x, double value, Termination termination) {
        return new OptimizationResult(x, value, iterations, evaluations, termination,
                Arrays.copyOf(values, iterations + 1), elapsed());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
