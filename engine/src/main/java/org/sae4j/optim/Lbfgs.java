package org.sae4j.optim;

import org.sae4j.parallel.ParallelRuntime;

/**
 * Limited-memory BFGS with a strong-Wolfe line search.
 *
 * <p>Each iteration computes the direction d = -H·g by the two-loop recursion over the last
 * {@link #history()} pairs (initial inverse Hessian γI with γ = sᵀy/yᵀy of the newest pair) and searches
 * along it for a step satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9; see
 * {@link StrongWolfeLineSearch}). The first step tried is min(1, 1/‖g‖₁) while the memory is empty (the
 * first iteration, or after a reset) and 1 otherwise. A pair is stored only if
 * sᵀy > 1e-10·‖s‖·‖y‖. If d is not a descent direction (gᵀd ≥ 0 or not finite) the memory is cleared and
 * d = -g is used instead.
 *
 * <p>Memory: 2·m·n doubles for the pairs (m = history, n = dimension) plus six vectors of length n, all
 * allocated once per {@link #minimize} call.
 *
 * <p>Stopping: {@link Termination#GRADIENT_TOLERANCE} when max|g| ≤ gradientTolerance (also tested at
 * x0); {@link Termination#NO_PROGRESS} when max|t·d| ≤ progressTolerance or |Δf| ≤ progressTolerance
 * (absolute); the iteration and evaluation budgets (the evaluation budget counts the evaluation at x0
 * and is also enforced inside the line search); {@link Termination#LINE_SEARCH_FAILED} when the line
 * search finds no decrease; {@link Termination#NON_FINITE} when the value or gradient stays non-finite
 * while the line search backtracks; {@link Termination#CANCELLED}. Every accepted point satisfies
 * sufficient decrease, so the last accepted point is also the best one and is what the result holds.
 */
public final class Lbfgs extends AbstractOptimizer {
    /** Default number of stored pairs m. */
    public static final int DEFAULT_HISTORY = 10;

    private final int history;

    private Lbfgs(int history, StoppingCriteria criteria) {
        super(criteria);
        this.history = history;
    }

    /** A builder with the defaults: history 10, 400 iterations, 2·maxIterations + 20 evaluations, gradient tolerance 1e-5, progress tolerance 1e-9. */
    public static Builder builder() {
        return new Builder();
    }

    /** An optimiser with all defaults. */
    public static Lbfgs withDefaults() {
        return builder().build();
    }

    /** The number m of stored correction pairs. */
    public int history() {
        return history;
    }

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, double[] x0, ProgressListener listener,
                                       Cancellation cancellation, ParallelRuntime runtime) {
        int n = OptimizationRun.checkStart(f, x0);
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] d = new double[n];
        BlockedVectors vectors = new BlockedVectors(n, runtime);
        return minimize(f, x, g, d, new LbfgsHistory(history, n, vectors), listener, cancellation);
    }

    private OptimizationResult minimize(DifferentiableFunction f, double[] x, double[] g, double[] d,
                                        LbfgsHistory memory, ProgressListener listener,
                                        Cancellation cancellation) {
        int n = x.length;
        StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(n);
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation);

        double fx = run.start(x, g);
        if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
            return run.result(x, fx, Termination.NON_FINITE);
        }
        if (Vectors.maxAbs(g) <= criteria.gradientTolerance()) {
            return run.result(x, fx, Termination.GRADIENT_TOLERANCE);
        }
        while (true) {
            Termination stop = run.beforeIteration();
            if (stop != null) {
                return run.result(x, fx, stop);
            }
            memory.direction(g, d);
            double gd = Vectors.dot(g, d);
            if (!(gd < 0) || !Double.isFinite(gd)) {
                memory.reset();
                Vectors.negate(g, d);
                gd = Vectors.dot(g, d);
            }
            double initialStep = memory.size() == 0 ? Math.min(1, 1 / Vectors.norm1(g)) : 1;
            LineSearchOutcome outcome = lineSearch.search(run, x, fx, d, gd, initialStep,
                    criteria.progressTolerance());
            double t = lineSearch.step();
            if (t > 0) {
                double[] gNew = lineSearch.gradient();
                memory.update(d, t, gNew, g);
                Vectors.axpy(t, d, x);
                System.arraycopy(gNew, 0, g, 0, n);
                double change = lineSearch.value() - fx;
                fx = lineSearch.value();
                double gradientNorm = Vectors.maxAbs(g);
                run.completeIteration(fx, gradientNorm, t);
                stop = outcome.termination(true);
                if (stop == null) {
                    stop = run.converged(gradientNorm, t * Vectors.maxAbs(d), change);
                }
            } else {
                stop = outcome.termination(false);
            }
            if (stop != null) {
                return run.result(x, fx, stop);
            }
        }
    }

    @Override
    public String toString() {
        return describe("Lbfgs", "history=" + history);
    }

    /** Collects L-BFGS settings; {@link #build()} validates them. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private int history = DEFAULT_HISTORY;

        private Builder() {
        }

        /** Stored correction pairs m ≥ 1; memory grows as 2·m·n doubles. */
        public Builder history(int history) {
            this.history = history;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public Lbfgs build() {
            if (history < 1) {
                throw new IllegalArgumentException("history must be >= 1, got " + history);
            }
            return new Lbfgs(history, criteria());
        }
    }
}
