package org.sae4j.optim;

/** Budgets and tolerances shared by the optimisers; validated on construction. */
record StoppingCriteria(int maxIterations, int maxEvaluations, double gradientTolerance,
                        double progressTolerance) {

    static final int DEFAULT_MAX_ITERATIONS = 400;
    static final double DEFAULT_GRADIENT_TOLERANCE = 1e-5;
    static final double DEFAULT_PROGRESS_TOLERANCE = 1e-9;

    StoppingCriteria {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        requireTolerance("gradientTolerance", gradientTolerance);
        requireTolerance("progressTolerance", progressTolerance);
    }

    /**
     * Twice the iterations plus 20: a well-behaved run needs about one evaluation per iteration; the
     * slack covers the starting point and the longer line searches of the first iterations.
     */
    static int defaultMaxEvaluations(int maxIterations) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * Math.max(maxIterations, 0) + 20);
    }

    static void requireTolerance(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
