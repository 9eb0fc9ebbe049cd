package org.sae4j.train;

import java.util.Objects;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * Trains a sparse autoencoder: a configuration and a {@link TrainingSpec} (settings, optimiser, seed,
 * listener, checkpoints), then the data → a model.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.of(config, TrainingSpec.defaults()
 *                 .withOptimizer(Lbfgs.builder().maxIterations(400).build())
 *                 .withSeed(42)
 *                 .withListener(info -> System.out.println(info.iteration() + " " + info.value())))
 *         .train(data);
 * }</pre>
 *
 * <p>Deterministic: the same seed, data, chunk size and settings give bitwise-identical models for any
 * thread count. A trainer is immutable and may train on several sets.
 */
public final class Trainer {
    private final SparseAutoencoderConfig config;
    private final TrainingSpec spec;

    private Trainer(SparseAutoencoderConfig config, TrainingSpec spec) {
        this.config = Objects.requireNonNull(config, "config");
        this.spec = Objects.requireNonNull(spec, "spec");
        double[] given = spec.initialParameters();
        if (given != null) {
            config.requireParameters(given, "initial parameters");
        }
    }

    /**
     * A trainer of {@code config} as {@code spec} says; where it gives no settings,
     * {@link EvaluationSettings#defaults(SparseAutoencoderConfig, Precision)} in f64.
     */
    public static Trainer of(SparseAutoencoderConfig config, TrainingSpec spec) {
        return new Trainer(config, spec);
    }

    public SparseAutoencoderConfig config() {
        return config;
    }

    public TrainingSpec spec() {
        return spec;
    }

    /**
     * Runs the optimiser on {@code data} to one of its termination reasons, the evaluation and the
     * optimiser on one {@link ParallelRuntime}; when the run made that runtime, none of its threads is
     * left afterwards. A checkpoint that cannot be written ends the run with an
     * {@link java.io.UncheckedIOException} naming the file.
     *
     * @throws CheckpointMismatchException if the spec resumes a checkpoint of another run
     */
    public TrainingResult train(Dataset data) {
        Objects.requireNonNull(data, "data");
        EvaluationSettings s = spec.settings() != null ? spec.settings()
                : EvaluationSettings.defaults(config, Precision.F64);
        double[] theta0 = spec.start(config::initialParameters);
        ParallelRuntime threads = spec.runtime() != null ? spec.runtime() : ParallelRuntime.create(s.threads());
        try (SparseAutoencoderObjective objective = new SparseAutoencoderObjective(config, data, s, threads)) {
            Optimizer opt = spec.optimizer();
            OptimizationResult r = spec.checkpointing().minimize(opt, objective, theta0, spec.listener(),
                    spec.cancellation(), threads, () -> RunFingerprint.of(config, data, s, opt));
            return new TrainingResult(new TrainedModel(config, r.x()), r.value(), r.termination(),
                    r.iterations(), r.evaluations(), r.valueHistory(), r.elapsed());
        } finally {
            if (spec.runtime() == null) {
                threads.close();
            }
        }
    }
}
