package org.sae4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.image.CostPlot;
import org.sae4j.image.FeatureImage;
import org.sae4j.image.Png;
import org.sae4j.io.Json;
import org.sae4j.model.ModelFile;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.Provenance;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.Termination;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.MemoryEstimate;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/**
 * One training run as {@code sae train} and {@code sae demo} do it: progress on stderr, Ctrl-C stops
 * it and keeps the best model, then the model, the cost plot and (for image patches) the features
 * picture are written and reported on stdout, as text or as one JSON object.
 */
final class TrainingJob {
    static final int COST_PLOT_WIDTH = 800;
    static final int COST_PLOT_HEIGHT = 500;

    /**
     * What to train.
     *
     * @param maxIterations the optimiser's iteration budget, for the progress line's ETA
     * @param provenance    how the data, the optimiser and the backend were chosen; stored in the model
     */
    record Plan(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings, Optimizer optimizer,
                int maxIterations, long seed, Provenance provenance) {
    }

    /**
     * Where the results go.
     *
     * @param features    the features picture, or null when the inputs are not image patches
     * @param patchWidth  tile width of the features picture
     * @param patchHeight tile height of the features picture
     * @param obsoleteFeatures where an earlier run may have drawn features that this model does not
     *                         have (the default picture beside the model), removed; or null
     */
    record Outputs(Path model, Path costPlot, Path features, int patchWidth, int patchHeight,
                   Path obsoleteFeatures) {
    }

    /**
     * Checkpointing and resuming.
     *
     * @param file       where checkpoints go, or null for none
     * @param every      write one every this many iterations (and at the last one of the budget)
     * @param resumeFile the checkpoint resumed from, for messages; or null to start anew
     * @param resume     its content, or null
     */
    record Checkpoints(Path file, int every, Path resumeFile, Checkpoint resume) {
        static final Checkpoints NONE = new Checkpoints(null, 0, null, null);
    }

    private TrainingJob() {
    }

    /** Trains, saves and reports; returns the exit code (0, or {@link Sae#EXIT_INTERRUPTED} after Ctrl-C). */
    static int run(Plan plan, Outputs outputs, Checkpoints checkpoints, Environment env, ReportOptions options)
            throws IOException, CommandFailure {
        TrainingResult result = trainAndSave(plan, outputs, checkpoints, env, options.progressEvery);
        report(plan, outputs, result, env, options.json);
        return result.termination() == Termination.CANCELLED ? Sae.EXIT_INTERRUPTED : 0;
    }

    /**
     * Trains with progress on stderr (Ctrl-C stops the run and keeps the best model so far) and saves the
     * outputs, without reporting on stdout: for commands that train a model as one step of their work.
     */
    static TrainingResult trainAndSave(Plan plan, Outputs outputs, Checkpoints checkpoints, Environment env,
                                       int progressEvery) throws IOException, CommandFailure {
        checkOutputs(outputs.model(), outputs.costPlot(), outputs.features(), checkpoints.file());
        int history = plan.optimizer() instanceof Lbfgs ? ((Lbfgs) plan.optimizer()).history() : 0;
        MemoryEstimate.of(plan.config(), plan.data(), plan.settings(), history, checkpoints.file() != null)
                .requireFits(MemoryEstimate.heapAvailableBeside(plan.data()));
        Cancellation cancellation = new Cancellation();
        try (CancelOnShutdown guard = CancelOnShutdown.install(env.cancelOnShutdown(), cancellation, env.err())) {
            TrainingResult result = train(plan, checkpoints, env, cancellation, progressEvery);
            double initialCost = result.costHistory()[0];
            if (!Double.isFinite(initialCost)) {
                throw new CommandFailure("J = " + initialCost + " at the initial parameters: the data's values"
                        + " are too large for the objective in " + plan.settings().precision().shortName()
                        + " (scale them down, e.g. with --scale); nothing was written");
            }
            if (result.termination() == Termination.NON_FINITE) {
                env.err().println("sae: warning: J or its gradient stopped being finite after " + result.iterations()
                        + " iterations; the model holds the last parameters where both were finite");
            }
            save(plan, outputs, result);
            return result;
        }
    }

    private static TrainingResult train(Plan plan, Checkpoints checkpoints, Environment env, Cancellation cancellation,
                                        int progressEvery) throws CommandFailure {
        SparseAutoencoderConfig c = plan.config();
        EvaluationSettings s = plan.settings();
        env.err().printf(Locale.ROOT, "training %d -> %d on %d samples: rho %s, lambda %s, beta %s, %s decoder; %s;"
                        + " backend %s, %d threads, %s%n", c.visible(), c.hidden(), plan.data().samples(), c.rho(),
                c.lambda(), c.beta(), c.outputLayer().shortName(), plan.optimizer(), s.backend().name(), s.threads(),
                s.precision().shortName());
        if (plan.provenance().backend().measured()) {
            env.err().println("backend " + plan.provenance().backend());
        }
        ProgressPrinter progress = new ProgressPrinter(env.err(), env.terminal(), progressEvery, plan.maxIterations(),
                plan.data().mappedFile().isPresent() ? plan.data()::bytesRead : null);
        TrainingSpec spec = TrainingSpec.defaults().withSettings(s).withOptimizer(plan.optimizer())
                .withSeed(plan.seed()).withCancellation(cancellation).withListener(progress);
        if (checkpoints.file() != null) {
            spec = spec.withCheckpoints(checkpoints.file(), checkpoints.every());
            env.err().println("checkpoints: " + checkpoints.file() + " every " + checkpoints.every() + " iterations");
        }
        if (checkpoints.resume() != null) {
            spec = spec.withResume(checkpoints.resume());
            env.err().println("resuming from " + checkpoints.resumeFile() + " after iteration "
                    + checkpoints.resume().state().iterations() + " (" + checkpoints.resume().state().evaluations()
                    + " evaluations)");
        }
        try {
            return Trainer.of(c, spec).train(plan.data());
        } catch (CheckpointMismatchException e) {
            throw new CommandFailure(checkpoints.resumeFile() + " is a checkpoint of another run: " + e.getMessage()
                    + "; resume with that run's data and options (only --iterations and --threads may differ)");
        } finally {
            progress.finish();
        }
    }

    /**
     * Fails before any training when an output cannot be written: its folder cannot be created or
     * written to, or a folder stands where the file should be. Each message names the output.
     */
    private static void checkOutputs(Path... files) throws CommandFailure {
        for (Path p : files) {
            if (p == null) {
                continue;
            }
            Path target = p.toAbsolutePath();
            if (Files.isDirectory(target)) {
                throw new CommandFailure(p + " is a folder; it cannot be replaced by an output file");
            }
            Path parent = target.getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new CommandFailure("cannot create the folder " + parent + " for " + p + " ("
                        + ErrorReporter.describe(e) + ")");
            }
            if (!Files.isWritable(parent)) {
                throw new CommandFailure("cannot write " + p + ": its folder " + parent + " is not writable");
            }
        }
    }

    /**
     * Writes the model and its pictures once the run succeeded. The pictures are drawn before anything
     * is written, so a failure there leaves the previous outputs untouched; each file is replaced
     * atomically, and a features picture left by an earlier run beside the model goes.
     */
    private static void save(Plan plan, Outputs outputs, TrainingResult r) throws IOException {
        EvaluationSettings s = plan.settings();
        ModelMetadata meta = new ModelMetadata(r.termination().description(), r.iterations(), r.evaluations(),
                r.finalCost(), seconds(r), s.backend().name(), s.threads(), plan.seed(), Instant.now(),
                plan.provenance().toMetadata());
        BufferedImage costPlot = CostPlot.render(r.costHistory(), COST_PLOT_WIDTH, COST_PLOT_HEIGHT);
        BufferedImage features = outputs.features() == null ? null
                : FeatureImage.render(r.model().w1(), outputs.patchWidth(), outputs.patchHeight());
        ModelFile.write(outputs.model(), new StoredModel(r.model(), s.precision(), meta));
        Png.write(costPlot, outputs.costPlot());
        if (features != null) {
            Png.write(features, outputs.features());
        } else if (outputs.obsoleteFeatures() != null) {
            Files.deleteIfExists(outputs.obsoleteFeatures());
        }
    }

    private static void report(Plan plan, Outputs outputs, TrainingResult r, Environment env, boolean json) {
        EvaluationSettings s = plan.settings();
        if (r.termination() == Termination.CANCELLED) {
            reportInterrupted(r, env);
        }
        if (json) {
            env.out().println(Json.object()
                    .put("finalCost", r.finalCost())
                    .put("iterations", r.iterations())
                    .put("evaluations", r.evaluations())
                    .put("termination", r.termination().name())
                    .put("seconds", seconds(r))
                    .put("backend", s.backend().name())
                    .put("backendChoice", plan.provenance().backend().toString())
                    .put("threads", s.threads())
                    .put("precision", s.precision().shortName())
                    .put("model", outputs.model().toString())
                    .put("costPlot", outputs.costPlot().toString())
                    .put("features", outputs.features() == null ? null : outputs.features().toString()));
        } else {
            env.out().printf(Locale.ROOT, "J = %.10g after %d iterations, %d evaluations (%s) in %.1f s%n",
                    r.finalCost(), r.iterations(), r.evaluations(), r.termination().description(), seconds(r));
            env.out().println("model:     " + outputs.model());
            if (outputs.features() != null) {
                env.out().println("features:  " + outputs.features());
            }
            env.out().println("cost plot: " + outputs.costPlot());
        }
        env.out().flush();
    }

    static void reportInterrupted(TrainingResult r, Environment env) {
        env.err().println("sae: interrupted after " + r.iterations() + " iterations; saved the best model so far");
    }

    static double seconds(TrainingResult r) {
        return r.elapsed().toNanos() / 1e9;
    }
}
