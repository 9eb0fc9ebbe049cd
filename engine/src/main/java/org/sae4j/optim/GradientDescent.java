package org.sae4j.optim;

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
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] best = x0.clone();
        ArmijoBacktracking search = backtracking ? new ArmijoBacktracking(n) : null;
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation);

        double fx = run.start(x, g);
        if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
            return run.result(x, fx, Termination.NON_FINITE);
        }
        double bestValue = fx;
        double gradientNorm = Vectors.maxAbs(g);
        if (gradientNorm <= criteria.gradientTolerance()) {
            return run.result(x, fx, Termination.GRADIENT_TOLERANCE);
        }
        double previousStep = 0.5 * learningRate;
        while (true) {
            Termination stop = run.beforeIteration();
            if (stop != null) {
                return run.result(best, bestValue, stop);
            }
            double t;
            double value;
            double largestStep;
            if (search != null) {
                LineSearchOutcome outcome = search.search(run, x, fx, g, Math.min(learningRate, 2 * previousStep),
                        criteria.progressTolerance());
                t = search.step();
                if (outcome != LineSearchOutcome.SATISFIED) {
                    return run.result(best, bestValue, outcome.termination(false));
                }
                value = search.value();
                largestStep = t * gradientNorm;
                previousStep = t;
            } else {
                t = learningRate;
                largestStep = t * gradientNorm;
                Vectors.axpy(-t, g, x);
                value = run.evaluate(x, g);
                if (!Double.isFinite(value) || !Vectors.allFinite(g)) {
                    return run.result(best, bestValue, Termination.NON_FINITE);
                }
            }
            double change = value - fx;
            fx = value;
            gradientNorm = Vectors.maxAbs(g);
            if (fx < bestValue) {
                bestValue = fx;
                System.arraycopy(x, 0, best, 0, n);
            }
            run.completeIteration(fx, gradientNorm, t);
            stop = run.converged(gradientNorm, largestStep, change);
            if (stop != null) {
                return run.result(best, bestValue, stop);
            }
        }
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
