package org.sae4j.optim;

/** How a line search ended. Whatever the outcome, a positive accepted step may come with it. */
enum LineSearchOutcome {
    /** The acceptance conditions hold at the accepted step. */
    SATISFIED,
    /** No step meeting all conditions could be found; a positive accepted step at least decreases f. */
    STALLED,
    /** Too many trial points were not finite. */
    NON_FINITE,
    /** The evaluation budget ran out during the search. */
    EVALUATION_LIMIT,
    /** Cancellation or a thread interrupt was seen during the search. */
    CANCELLED;

    /** The termination this outcome forces, or null when the optimiser may go on. */
    Termination termination(boolean stepAccepted) {
        return switch (this) {
            case SATISFIED -> null;
            case STALLED -> stepAccepted ? null : Termination.LINE_SEARCH_FAILED;
            case NON_FINITE -> Termination.NON_FINITE;
            case EVALUATION_LIMIT -> Termination.EVALUATION_LIMIT;
            case CANCELLED -> Termination.CANCELLED;
        };
    }

    static LineSearchOutcome of(Termination interruption) {
        return interruption == Termination.CANCELLED ? CANCELLED : EVALUATION_LIMIT;
    }
}
