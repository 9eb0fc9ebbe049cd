package org.sae4j.optim;

/**
 * A thread-safe request to stop a running minimisation. The optimiser checks it before every function
 * evaluation and stops with {@link Termination#CANCELLED}, returning the best point found so far.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** Asks the optimiser to stop; may be called from any thread, any number of times. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
