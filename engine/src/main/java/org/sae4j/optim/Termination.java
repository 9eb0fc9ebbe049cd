package org.sae4j.optim;

/** Why a minimisation stopped. */
public enum Termination {
    /** The iteration budget was spent. */
    ITERATION_LIMIT("iteration limit reached"),
    /** The function-evaluation budget was spent. */
    EVALUATION_LIMIT("function evaluation limit reached"),
    /** The largest absolute gradient component fell to the gradient tolerance. */
    GRADIENT_TOLERANCE("gradient below tolerance (first-order optimality)"),
    /** The last step, or the change in the function value, fell to the progress tolerance. */
    NO_PROGRESS("step or change in function value below progress tolerance"),
    /** The line search found no acceptable step along a descent direction. */
    LINE_SEARCH_FAILED("line search failed to find an acceptable step"),
    /** The function value or gradient was NaN or infinite; the best finite point is returned. */
    NON_FINITE("function value or gradient not finite"),
    /** Cancelled through {@link Cancellation} or by interrupting the running thread. */
    CANCELLED("cancelled");

    private final String description;

    Termination(String description) {
        this.description = description;
    }

    /** A short human-readable explanation. */
    public String description() {
        return description;
    }
}
