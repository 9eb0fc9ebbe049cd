package org.sae4j.train;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.parallel.ParallelRuntime;

/**
 * How a trainer checkpoints and resumes a run: where checkpoints go and how often, and the checkpoint to
 * resume, if any, as a {@link TrainingSpec} asks ({@link TrainingSpec#checkpointing()}). {@link Trainer}
 * and the Spark module's trainer run through one, so that both check fingerprints and write checkpoints
 * the same way.
 */
public final class CheckpointedRun {
    private CheckpointStore store;
    private int every;
    private Checkpoint resumeFrom;

    /** Checkpoints to {@code store} every {@code every} iterations and after the last one of the budget. */
    public void checkpoints(CheckpointStore store, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoints must be written every >= 1 iterations, got " + every);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.every = every;
    }

    /** Resumes the run {@code checkpoint} was taken from. */
    public void resumeFrom(Checkpoint checkpoint) {
        this.resumeFrom = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /**
     * Minimises {@code f} from {@code theta0}, or resumes the checkpoint, writing checkpoints as set.
     *
     * @param fingerprint the run's fingerprint, asked for only when a checkpoint is written or resumed
     * @throws CheckpointMismatchException if the checkpoint to resume is of another run
     */
    public OptimizationResult minimize(Optimizer optimizer, DifferentiableFunction f, double[] theta0,
                                       ProgressListener listener, Cancellation cancellation, ParallelRuntime runtime,
                                       Supplier<Map<String, String>> fingerprint) {
        Map<String, String> print = store != null || resumeFrom != null ? fingerprint.get() : null;
        ProgressListener l = store == null ? listener
                : new CheckpointWriter(listener, store, every, optimizer.maxIterations(), print);
        if (resumeFrom == null) {
            return optimizer.minimize(f, theta0, l, cancellation, runtime);
        }
        String mismatch = RunFingerprint.mismatch(print, resumeFrom.fingerprint());
        if (mismatch != null) {
            throw new CheckpointMismatchException(mismatch);
        }
        return optimizer.resume(f, resumeFrom.state(), l, cancellation, runtime);
    }
}
