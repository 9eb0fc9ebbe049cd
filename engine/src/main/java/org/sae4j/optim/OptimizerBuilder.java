package org.sae4j.optim;

/**
 * The budgets and tolerances every optimiser's builder shares; {@code B} is the concrete builder, so
 * the setters chain in any order.
 *
 * @param <B> the concrete builder type
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B>> {
    private int maxIterations = StoppingCriteria.DEFAULT_MAX_ITERATIONS;
    private int maxEvaluations;
    private boolean maxEvaluationsSet;
    private double gradientTolerance = StoppingCriteria.DEFAULT_GRADIENT_TOLERANCE;
    private double progressTolerance = StoppingCriteria.DEFAULT_PROGRESS_TOLERANCE;

    OptimizerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Iteration budget, ≥ 1 (default 400). */
    public B maxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
        return self();
    }

    /** Evaluation budget including the evaluation at x0, ≥ 1; unset, it is 2·maxIterations + 20. */
    public B maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = maxEvaluations;
        this.maxEvaluationsSet = true;
        return self();
    }

    /** Stop when max|g| falls to this, ≥ 0 (default 1e-5). */
    public B gradientTolerance(double gradientTolerance) {
        this.gradientTolerance = gradientTolerance;
        return self();
    }

    /** Stop when max|step| or |Δf| falls to this, ≥ 0 (default 1e-9). */
    public B progressTolerance(double progressTolerance) {
        this.progressTolerance = progressTolerance;
        return self();
    }

    /** @throws IllegalArgumentException naming the first invalid setting */
    StoppingCriteria criteria() {
        int evaluations = maxEvaluationsSet ? maxEvaluations : StoppingCriteria.defaultMaxEvaluations(maxIterations);
        return new StoppingCriteria(maxIterations, evaluations, gradientTolerance, progressTolerance);
    }
}
