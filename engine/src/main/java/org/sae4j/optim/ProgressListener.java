package org.sae4j.optim;

/**
 * Receives the state after every iteration. Called on the optimising thread; an exception thrown here
 * aborts the minimisation and propagates to the caller.
 */
@FunctionalInterface
public interface ProgressListener {

    void onIteration(IterationInfo info);
}
