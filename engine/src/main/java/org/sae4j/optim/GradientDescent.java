package org.sae4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.parallel.ParallelRuntime;

/**
 * Full-batch gradient descent, x ← x - t·g; a baseline for comparison with {@link Lbfgs}.
 *
 * <p>With a fixed step, t is always the learning rate and the value may rise; the result holds the
 * accepted point with the lowest value. With backtracking, each iteration starts from twice the
 * previous accepted step, capped at the learning rate (so the step can grow back after a cut), and
 * halves it until the Armijo condition f(x - t·g) ≤ f(x) - 1e-4·t·‖g‖² holds; the values then decrease
 * monotonically.
 *
 * <p>Stopping: the same tests as {@link Lbfgs}, with the step max|t·g|. A non-finite value or gradient
 * ends a fixed-step run at once; with backtracking it is treated as a failed trial and halved. Memory:
 * three vectors of length n (five with backtracking), allocated once per {@link #minimize} call.
 */
public final class GradientDescent extends AbstractOptimizer {
    /** Default learning rate, the largest step ever taken. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    private static final String GRADIENT = "gradient";
    private static final String BEST = "best";
    private static final String VALUE = "value";
    private static final String BEST_VALUE = "bestValue";
    private static final String PREVIOUS_STEP = "previousStep";
    private static final String LARGEST_STEP = "largestStep";
    private static final String CHANGE = "change";

    private final double learningRate;
    private final boolean backtracking;

    private GradientDescent(double learningRate, boolean backtracking, StoppingCriteria criteria) {
        super(criteria);
        this.learningRate = learningRate;
        this.backtracking = backtracking;
    }

    /**
     * A builder with the defaults: learning rate 1, backtracking on, 400 iterations,
     * 2·maxIterations + 20 evaluations, gradient tolerance 1e-5, progress tolerance 1e-9.
     */
    public static Builder builder() {
        return new Builder();
    }

    public double learningRate() {
        return learningRate;
    }

    public boolean backtracking() {
        return backtracking;
    }

    /** Runs on the calling thread: a few vector passes per iteration, well below one evaluation. */
    @Override
    public OptimizationResult minimize(DifferentiableFunction f, double[] x0, ProgressListener listener,
                                       Cancellation cancellation, ParallelRuntime runtime) {
        int n = OptimizationRun.checkStart(f, x0);
        Position p = new Position(x0.clone(), new double[n], x0.clone());
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation);
        p.value = run.start(p.x, p.g);
        if (!Double.isFinite(p.value) || !Vectors.allFinite(p.g)) {
            return run.result(p.x, p.value, Termination.NON_FINITE);
        }
        p.bestValue = p.value;
        if (Vectors.maxAbs(p.g) <= criteria.gradientTolerance()) {
            return run.result(p.x, p.value, Termination.GRADIENT_TOLERANCE);
        }
        p.previousStep = 0.5 * learningRate;
        return iterate(p, run);
    }

    @Override
    public OptimizationResult resume(DifferentiableFunction f, OptimizerState state, ProgressListener listener,
                                     Cancellation cancellation, ParallelRuntime runtime) {
        int n = OptimizationRun.checkResume(f, state, resumeSettings());
        Position p = new Position(state.stored(OptimizerState.POINT, n).clone(), state.stored(GRADIENT, n).clone(),
                state.stored(BEST, n).clone());
        p.value = state.scalar(VALUE);
        p.bestValue = state.scalar(BEST_VALUE);
        p.previousStep = state.scalar(PREVIOUS_STEP);
        p.largestStep = state.scalar(LARGEST_STEP);
        p.change = state.scalar(CHANGE);
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation, state);
        Termination stop = run.resumedStop(state, Vectors.maxAbs(p.g), p.largestStep, p.change);
        return stop != null ? run.result(p.best, p.bestValue, stop) : iterate(p, run);
    }

    private OptimizationResult iterate(Position p, OptimizationRun run) {
        double[] x = p.x;
        double[] g = p.g;
        int n = x.length;
        ArmijoBacktracking search = backtracking ? new ArmijoBacktracking(n) : null;
        run.stateFrom(resumeSettings(), p::arrays);
        double gradientNorm = Vectors.maxAbs(g);
        while (true) {
            Termination stop = run.beforeIteration();
            if (stop != null) {
                return run.result(p.best, p.bestValue, stop);
            }
            double t;
            double value;
            if (search != null) {
                LineSearchOutcome outcome = search.search(run, x, p.value, g,
                        Math.min(learningRate, 2 * p.previousStep), criteria.progressTolerance());
                t = search.step();
                if (outcome != LineSearchOutcome.SATISFIED) {
                    return run.result(p.best, p.bestValue, outcome.termination(false));
                }
                value = search.value();
                p.largestStep = t * gradientNorm;
                p.previousStep = t;
            } else {
                t = learningRate;
                p.largestStep = t * gradientNorm;
                Vectors.axpy(-t, g, x);
                value = run.evaluate(x, g);
                if (!Double.isFinite(value) || !Vectors.allFinite(g)) {
                    return run.result(p.best, p.bestValue, Termination.NON_FINITE);
                }
            }
            p.change = value - p.value;
            p.value = value;
            gradientNorm = Vectors.maxAbs(g);
            if (p.value < p.bestValue) {
                p.bestValue = p.value;
                System.arraycopy(x, 0, p.best, 0, n);
            }
            run.completeIteration(p.value, gradientNorm, t);
            stop = run.converged(gradientNorm, p.largestStep, p.change);
            if (stop != null) {
                return run.result(p.best, p.bestValue, stop);
            }
        }
    }

    /** Where the run stands between iterations: what a state holds besides the counts. */
    private static final class Position {
        final double[] x;
        final double[] g;
        final double[] best;
        double value;
        double bestValue;
        /** The last accepted step, from which backtracking starts (doubled). */
        double previousStep;
        /** max|t·g| and Δf of the last iteration, for the convergence test of a resumed run. */
        double largestStep;
        double change;

        Position(double[] x, double[] g, double[] best) {
            this.x = x;
            this.g = g;
            this.best = best;
        }

        Map<String, double[]> arrays() {
            Map<String, double[]> arrays = new LinkedHashMap<>();
            arrays.put(OptimizerState.POINT, x);
            arrays.put(GRADIENT, g);
            arrays.put(BEST, best);
            arrays.put(VALUE, new double[] {value});
            arrays.put(BEST_VALUE, new double[] {bestValue});
            arrays.put(PREVIOUS_STEP, new double[] {previousStep});
            arrays.put(LARGEST_STEP, new double[] {largestStep});
            arrays.put(CHANGE, new double[] {change});
            return arrays;
        }
    }

    @Override
    public String resumeSettings() {
        return resumeSettings("GradientDescent", "learningRate=" + learningRate + ", backtracking=" + backtracking);
    }

    @Override
    public String toString() {
        return describe("GradientDescent", "learningRate=" + learningRate + ", backtracking=" + backtracking);
    }

    /** Collects gradient-descent settings; {@link #build()} validates them. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private double learningRate = DEFAULT_LEARNING_RATE;
        private boolean backtracking = true;

        private Builder() {
        }

        /** The fixed step, or with backtracking the largest step tried; finite and > 0. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Whether to backtrack until the Armijo condition holds (default) or always take the full step. */
        public Builder backtracking(boolean backtracking) {
            this.backtracking = backtracking;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public GradientDescent build() {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
            }
            return new GradientDescent(learningRate, backtracking, criteria());
        }
    }
}
