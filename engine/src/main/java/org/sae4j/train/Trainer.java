package org.sae4j.train;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.parallel.ParallelRuntime;

/**
 * Trains a sparse autoencoder: configuration + data + evaluation settings + optimiser → model.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.of(config, data)
 *         .optimizer(Lbfgs.builder().maxIterations(400).build())
 *         .seed(42)
 *         .listener(info -> System.out.println(info.iteration() + " " + info.value()))
 *         .train();
 * }</pre>
 *
 * <p>Deterministic: the same seed, data, chunk size and settings give bitwise-identical models for any
 * thread count.
 */
public final class Trainer {
    private final SparseAutoencoder config;
    private final Dataset data;
    private EvaluationSettings settings;
    /** Null for the default: L-BFGS. */
    private Optimizer optimizer;
    /** Null for a runtime of the run's own, of {@code settings.threads()} threads. */
    private ParallelRuntime runtime;
    private long seed;
    private double[] initialTheta;
    private ProgressListener listener;
    private Cancellation cancellation;
    private final CheckpointedRun checkpointing = new CheckpointedRun();

    private Trainer(SparseAutoencoder config, Dataset data) {
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
    }

    /**
     * A trainer with defaults: L-BFGS (400 iterations), seed 0, and
     * {@link EvaluationSettings#defaults(SparseAutoencoder, org.sae4j.data.Precision)} in f64.
     */
    public static Trainer of(SparseAutoencoder config, Dataset data) {
        return new Trainer(config, data);
    }

    public Trainer settings(EvaluationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    public Trainer optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    /** Seed of the UFLDL initialisation. */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Starts from these parameters instead of the seeded initialisation. */
    public Trainer initialParameters(double[] theta) {
        config.requireParameters(theta, "initial parameters");
        this.initialTheta = theta.clone();
        return this;
    }

    /** Called after every iteration. */
    public Trainer listener(ProgressListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Runs on these threads, for example {@code ParallelRuntime.using(myPool)}, instead of a runtime of
     * the run's own; the evaluation then has as many workers as the runtime has threads, and the
     * runtime is left open.
     */
    public Trainer runtime(ParallelRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        return this;
    }

    /** Cooperative cancellation: the run stops after the current evaluation and keeps the best θ. */
    public Trainer cancellation(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    /**
     * Writes a {@link Checkpoint} to {@code file} (atomically, replacing the previous one) after every
     * {@code every}-th iteration, and after the last iteration of the budget, so that a run can be
     * resumed after a crash or to go further. A checkpoint that cannot be written ends the run with
     * an {@link UncheckedIOException} naming the file.
     */
    public Trainer checkpoints(Path file, int every) {
        checkpointing.checkpoints(file, every);
        return this;
    }

    /**
     * Continues the run the checkpoint was taken from instead of starting anew: the model ends bitwise
     * equal to the uninterrupted run's (θ, iterations, evaluations and cost history), whatever the
     * thread count. The iteration budget is this trainer's optimiser's, so a run may also go further.
     * {@link #train()} throws {@link CheckpointMismatchException} if the checkpoint's
     * {@link RunFingerprint} is not this run's.
     */
    public Trainer resumeFrom(Checkpoint checkpoint) {
        checkpointing.resumeFrom(checkpoint);
        return this;
    }

    /**
     * Runs the optimiser to one of its termination reasons, the evaluation and the optimiser on one
     * {@link ParallelRuntime}; when the run made that runtime, none of its threads is left afterwards.
     */
    public TrainingResult train() {
        EvaluationSettings s = settings != null ? settings
                : EvaluationSettings.defaults(config, org.sae4j.data.Precision.F64);
        double[] theta0 = initialTheta != null ? initialTheta : config.initialParameters(seed);
        ParallelRuntime threads = runtime != null ? runtime : ParallelRuntime.create(s.threads());
        try (SparseAutoencoderObjective objective = new SparseAutoencoderObjective(config, data, s, threads)) {
            Optimizer opt = optimizer != null ? optimizer : Lbfgs.withDefaults();
            OptimizationResult r = checkpointing.minimize(opt, objective, theta0, listener, cancellation, threads,
                    () -> RunFingerprint.of(config, data, s, opt));
            return new TrainingResult(new TrainedModel(config, r.x()), r.value(), r.termination(),
                    r.iterations(), r.evaluations(), r.valueHistory(), r.elapsed());
        } finally {
            if (runtime == null) {
                threads.close();
            }
        }
    }
}
