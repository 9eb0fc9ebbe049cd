package org.sae4j.optim;

/** The base of the optimisers: the budgets and tolerances their {@link OptimizerBuilder} set, and their accessors. */
abstract class AbstractOptimizer implements Optimizer {
    final StoppingCriteria criteria;

    AbstractOptimizer(StoppingCriteria criteria) {
        this.criteria = criteria;
    }

    public int maxIterations() {
        return criteria.maxIterations();
    }

    public int maxEvaluations() {
        return criteria.maxEvaluations();
    }

    public double gradientTolerance() {
        return criteria.gradientTolerance();
    }

    public double progressTolerance() {
        return criteria.progressTolerance();
    }

    /** {@code Name[own settings, gradientTolerance=…, progressTolerance=…]}. */
    String resumeSettings(String name, String ownSettings) {
        return name + "[" + ownSettings + ", gradientTolerance=" + gradientTolerance() + ", progressTolerance="
                + progressTolerance() + "]";
    }

    /** {@code Name[own settings, maxIterations=…, maxEvaluations=…, gradientTolerance=…, progressTolerance=…]}. */
    String describe(String name, String ownSettings) {
        return name + "[" + ownSettings + ", maxIterations=" + maxIterations() + ", maxEvaluations="
                + maxEvaluations() + ", gradientTolerance=" + gradientTolerance() + ", progressTolerance="
                + progressTolerance() + "]";
    }
}
