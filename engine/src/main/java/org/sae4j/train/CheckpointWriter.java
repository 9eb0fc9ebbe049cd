package org.sae4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;
import org.sae4j.optim.IterationInfo;
import org.sae4j.optim.OptimizerState;
import org.sae4j.optim.ProgressListener;

/**
 * Passes progress on, and writes a {@link Checkpoint} every N iterations and at the last iteration of the
 * budget. A checkpoint that cannot be written ends the run with an {@link UncheckedIOException} naming
 * the store.
 */
final class CheckpointWriter implements ProgressListener {
    private final ProgressListener next;
    private final CheckpointStore store;
    private final int every;
    private final int maxIterations;
    private final Map<String, String> fingerprint;

    /**
     * @param next          the listener to pass progress to, or null
     * @param every         write after every this many iterations, ≥ 1
     * @param maxIterations the optimiser's budget, whose last iteration is always written
     * @param fingerprint   the run's {@link RunFingerprint}
     */
    CheckpointWriter(ProgressListener next, CheckpointStore store, int every, int maxIterations,
                     Map<String, String> fingerprint) {
        this.next = next;
        this.store = store;
        this.every = every;
        this.maxIterations = maxIterations;
        this.fingerprint = fingerprint;
    }

    @Override
    public void onIteration(IterationInfo info) {
        if (next != null) {
            next.onIteration(info);
        }
    }

    @Override
    public void onState(IterationInfo info, Supplier<OptimizerState> state) {
        if (next != null) {
            next.onState(info, state);
        }
        if (info.iteration() % every == 0 || info.iteration() == maxIterations) {
            try {
                store.write(new Checkpoint(fingerprint, state.get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint " + store.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
