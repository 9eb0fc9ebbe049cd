package org.sae4j.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongFunction;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.parallel.ParallelRuntime;

/**
 * How to train, whatever the model and the data: the engine's settings, the optimiser and where it
 * starts, what watches the run, and its checkpoints. Immutable; each {@code with…} returns a new spec.
 * The three trainers take one ({@link Trainer}, {@code SoftmaxTrainer}, the Spark module's
 * {@code SparkTrainer}) and then the data:
 *
 * <pre>{@code
 * TrainingSpec spec = TrainingSpec.defaults()
 *         .withOptimizer(Lbfgs.builder().maxIterations(400).build())
 *         .withSeed(42);
 * TrainingResult r = Trainer.of(config, spec).train(data);
 * }</pre>
 *
 * @param settings          backend, threads, chunk size, precision; null for the defaults of the model and
 *                          the data (the automatic backend, all cores, f64)
 * @param optimizer         the optimiser (default: L-BFGS, 400 iterations)
 * @param seed              seed of the initial parameters, where the model draws them (the autoencoder's
 *                          UFLDL initialisation; softmax starts from θ = 0)
 * @param initialParameters where the optimiser starts instead, or null
 * @param listener          called after every iteration, or null
 * @param cancellation      stops the run after the current evaluation, keeping the best point; or null
 * @param runtime           threads of the caller's to run on (left open), or null for a runtime of the
 *                          settings' threads, made and closed by the run
 * @param checkpoints       where checkpoints go, or null for none
 * @param checkpointEvery   write one every this many iterations (and after the last one of the budget)
 * @param resume            the checkpoint to continue from, or null to start anew
 */
public record TrainingSpec(EvaluationSettings settings, Optimizer optimizer, long seed, double[] initialParameters,
                           ProgressListener listener, Cancellation cancellation, ParallelRuntime runtime,
                           CheckpointStore checkpoints, int checkpointEvery, Checkpoint resume) {

    public TrainingSpec {
        Objects.requireNonNull(optimizer, "optimizer");
        initialParameters = initialParameters == null ? null : initialParameters.clone();
        if (checkpoints != null && checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoints must be written every >= 1 iterations, got "
                    + checkpointEvery);
        }
    }

    /** L-BFGS (400 iterations), seed 0, the default settings, no listener, no checkpoints. */
    public static TrainingSpec defaults() {
        return new TrainingSpec(null, Lbfgs.withDefaults(), 0, null, null, null, null, null, 0, null);
    }

    /** A copy: the array is the spec's own. */
    @Override
    public double[] initialParameters() {
        return initialParameters == null ? null : initialParameters.clone();
    }

    /**
     * Where the optimiser starts: a copy of the initial parameters, or, when there are none, what
     * {@code seeded} draws from the spec's seed (one copy either way).
     */
    public double[] start(LongFunction<double[]> seeded) {
        return initialParameters != null ? initialParameters.clone() : seeded.apply(seed);
    }

    public TrainingSpec withSettings(EvaluationSettings s) {
        return new TrainingSpec(Objects.requireNonNull(s, "settings"), optimizer, seed, initialParameters, listener,
                cancellation, runtime, checkpoints, checkpointEvery, resume);
    }

    public TrainingSpec withOptimizer(Optimizer o) {
        return new TrainingSpec(settings, o, seed, initialParameters, listener, cancellation, runtime, checkpoints,
                checkpointEvery, resume);
    }

    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(settings, optimizer, s, initialParameters, listener, cancellation, runtime,
                checkpoints, checkpointEvery, resume);
    }

    /** Starts from these parameters instead of the seeded initialisation. */
    public TrainingSpec withInitialParameters(double[] theta) {
        return new TrainingSpec(settings, optimizer, seed, Objects.requireNonNull(theta, "theta"), listener,
                cancellation, runtime, checkpoints, checkpointEvery, resume);
    }

    public TrainingSpec withListener(ProgressListener l) {
        return new TrainingSpec(settings, optimizer, seed, initialParameters, l, cancellation, runtime, checkpoints,
                checkpointEvery, resume);
    }

    public TrainingSpec withCancellation(Cancellation c) {
        return new TrainingSpec(settings, optimizer, seed, initialParameters, listener, c, runtime, checkpoints,
                checkpointEvery, resume);
    }

    /**
     * Runs on these threads, for example {@code ParallelRuntime.using(myPool)}: the evaluation then has as
     * many workers as the runtime has threads, and the runtime is left open.
     */
    public TrainingSpec withRuntime(ParallelRuntime r) {
        return new TrainingSpec(settings, optimizer, seed, initialParameters, listener, cancellation,
                Objects.requireNonNull(r, "runtime"), checkpoints, checkpointEvery, resume);
    }

    /**
     * Writes a {@link Checkpoint} to {@code file} (atomically, replacing the previous one) after every
     * {@code every}-th iteration and after the last one of the budget, so that a run can be resumed after
     * a crash or to go further.
     */
    public TrainingSpec withCheckpoints(Path file, int every) {
        return withCheckpoints(CheckpointStore.file(file), every);
    }

    /** The same, to any store (a Hadoop file system, say). */
    public TrainingSpec withCheckpoints(CheckpointStore store, int every) {
        return new TrainingSpec(settings, optimizer, seed, initialParameters, listener, cancellation, runtime,
                Objects.requireNonNull(store, "store"), every, resume);
    }

    /**
     * Continues the run {@code checkpoint} was taken from: the result ends bitwise equal to the
     * uninterrupted run's, whatever the thread count; the trainer refuses a checkpoint of another run
     * ({@link CheckpointMismatchException}).
     */
    public TrainingSpec withResume(Checkpoint checkpoint) {
        return new TrainingSpec(settings, optimizer, seed, initialParameters, listener, cancellation, runtime,
                checkpoints, checkpointEvery, Objects.requireNonNull(checkpoint, "checkpoint"));
    }

    /** The checkpointing this spec asks for, for a trainer to run the optimiser through. */
    public CheckpointedRun checkpointing() {
        CheckpointedRun run = new CheckpointedRun();
        if (checkpoints != null) {
            run.checkpoints(checkpoints, checkpointEvery);
        }
        if (resume != null) {
            run.resumeFrom(resume);
        }
        return run;
    }
}
