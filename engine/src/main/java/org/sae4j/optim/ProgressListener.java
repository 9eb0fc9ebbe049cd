package org.sae4j.optim;

import java.util.function.Supplier;

/**
 * Receives the state after every iteration. Called on the optimising thread; an exception thrown here
 * aborts the minimisation and propagates to the caller.
 */
@FunctionalInterface
public interface ProgressListener {

    void onIteration(IterationInfo info);

    /**
     * Called right after {@link #onIteration} with the means to copy the optimiser's whole state,
     * from which {@link Optimizer#resume} continues the run as if it had never stopped. Nothing is
     * copied unless {@code state.get()} is called, so a listener that checkpoints every N iterations
     * costs nothing in between. Does nothing by default.
     */
    default void onState(IterationInfo info, Supplier<OptimizerState> state) {
    }
}
