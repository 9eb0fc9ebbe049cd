package org.sae4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
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

    private static final String GRADIENT = "gradient";
    private static final String VALUE = "value";
    private static final String LARGEST_STEP = "largestStep";
    private static final String CHANGE = "change";

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
        Position p = new Position(x0.clone(), new double[n], new LbfgsHistory(history, n, new BlockedVectors(n, runtime)));
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation);
        p.value = run.start(p.x, p.g);
        if (!Double.isFinite(p.value) || !Vectors.allFinite(p.g)) {
            return run.result(p.x, p.value, Termination.NON_FINITE);
        }
        if (Vectors.maxAbs(p.g) <= criteria.gradientTolerance()) {
            return run.result(p.x, p.value, Termination.GRADIENT_TOLERANCE);
        }
        return iterate(f, p, run);
    }

    @Override
    public OptimizationResult resume(DifferentiableFunction f, OptimizerState state, ProgressListener listener,
                                     Cancellation cancellation, ParallelRuntime runtime) {
        int n = OptimizationRun.checkResume(f, state, resumeSettings());
        LbfgsHistory memory = new LbfgsHistory(history, n, new BlockedVectors(n, runtime));
        memory.restore(state);
        Position p = new Position(state.stored(OptimizerState.POINT, n).clone(), state.stored(GRADIENT, n).clone(),
                memory);
        p.value = state.scalar(VALUE);
        p.largestStep = state.scalar(LARGEST_STEP);
        p.change = state.scalar(CHANGE);
        OptimizationRun run = new OptimizationRun(f, criteria, listener, cancellation, state);
        Termination stop = run.resumedStop(state, Vectors.maxAbs(p.g), p.largestStep, p.change);
        return stop != null ? run.result(p.x, p.value, stop) : iterate(f, p, run);
    }

    private OptimizationResult iterate(DifferentiableFunction f, Position p, OptimizationRun run) {
        double[] x = p.x;
        double[] g = p.g;
        LbfgsHistory memory = p.memory;
        int n = x.length;
        double[] d = new double[n];
        StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(n);
        run.stateFrom(resumeSettings(), p::arrays);
        while (true) {
            Termination stop = run.beforeIteration();
            if (stop != null) {
                return run.result(x, p.value, stop);
            }
            memory.direction(g, d);
            double gd = Vectors.dot(g, d);
            if (!(gd < 0) || !Double.isFinite(gd)) {
                memory.reset();
                Vectors.negate(g, d);
                gd = Vectors.dot(g, d);
            }
            double initialStep = memory.size() == 0 ? Math.min(1, 1 / Vectors.norm1(g)) : 1;
            LineSearchOutcome outcome = lineSearch.search(run, x, p.value, d, gd, initialStep,
                    criteria.progressTolerance());
            double t = lineSearch.step();
            if (t > 0) {
                double[] gNew = lineSearch.gradient();
                memory.update(d, t, gNew, g);
                Vectors.axpy(t, d, x);
                System.arraycopy(gNew, 0, g, 0, n);
                p.change = lineSearch.value() - p.value;
                p.value = lineSearch.value();
                p.largestStep = t * Vectors.maxAbs(d);
                double gradientNorm = Vectors.maxAbs(g);
                run.completeIteration(p.value, gradientNorm, t);
                stop = outcome.termination(true);
                if (stop == null) {
                    stop = run.converged(gradientNorm, p.largestStep, p.change);
                }
            } else {
                stop = outcome.termination(false);
            }
            if (stop != null) {
                return run.result(x, p.value, stop);
            }
        }
    }

    /** Where the run stands between iterations: what a state holds besides the counts. */
    private static final class Position {
        final double[] x;
        final double[] g;
        final LbfgsHistory memory;
        double value;
        /** max|t·d| and Δf of the last iteration, for the convergence test of a resumed run. */
        double largestStep;
        double change;

        Position(double[] x, double[] g, LbfgsHistory memory) {
            this.x = x;
            this.g = g;
            this.memory = memory;
        }

        Map<String, double[]> arrays() {
            Map<String, double[]> arrays = new LinkedHashMap<>();
            arrays.put(OptimizerState.POINT, x);
            arrays.put(GRADIENT, g);
            arrays.put(VALUE, new double[] {value});
            arrays.put(LARGEST_STEP, new double[] {largestStep});
            arrays.put(CHANGE, new double[] {change});
            memory.save(arrays);
            return arrays;
        }
    }

    @Override
    public String resumeSettings() {
        return resumeSettings("Lbfgs", "history=" + history);
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
