package org.sae4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.classify.ConfusionMatrix;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Labels;
import org.sae4j.deep.DeepNetwork;
import org.sae4j.deep.DeepTrainer;
import org.sae4j.deep.NetworkFile;
import org.sae4j.deep.StoredNetwork;
import org.sae4j.image.CostPlot;
import org.sae4j.image.FeatureImage;
import org.sae4j.image.Png;
import org.sae4j.io.Json;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae deep}: a stacked sparse autoencoder network, pretrained layer by layer, then fine-tuned. */
@Command(name = "deep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a deep network for classification as UFLDL's stacked autoencoder exercise does: one"
                + " sparse autoencoder per --layers width, each on the features of the one below; softmax on the top"
                + " features; then fine-tuning of the whole network by backpropagation. Reports the test accuracy"
                + " before and after fine-tuning.",
                "Per-layer options take one value for every layer or a comma list, one per layer. Writes DIR/network.sdn"
                        + " (for sae predict and sae encode), DIR/features.png (the first layer's, for square images)"
                        + " and a cost curve per phase, DIR/cost-PHASE.png. With --checkpoint-every N each phase"
                        + " checkpoints into DIR/checkpoints; a run that dies continues with the same command plus"
                        + " --resume DIR/checkpoints, bitwise as if it had not died."})
final class DeepCommand extends Subcommand {
    static final String NETWORK_FILE = "network.sdn";
    static final String CHECKPOINT_FOLDER = "checkpoints";

    @Mixin
    private LabelledSets sets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of layer 1's initial weights (layer l's is S + l - 1) and of the held-out split"
                    + " (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--layers", paramLabel = "H,H,...", split = ",", defaultValue = "200,200",
            description = "The hidden layers' widths, bottom first (default: ${DEFAULT-VALUE}, UFLDL's).")
    private int[] layers;

    /** The classes the training labels hold, once read. */
    private int classCount;

    @Option(names = "--rho", paramLabel = "RHO[,RHO...]", split = ",", defaultValue = "0.1",
            description = "Target mean activation of each layer (default: ${DEFAULT-VALUE}).")
    private double[] rho;

    @Option(names = "--lambda", paramLabel = "LAMBDA[,...]", split = ",", defaultValue = "3e-3",
            description = "Weight decay of each layer's autoencoder (default: ${DEFAULT-VALUE}).")
    private double[] lambda;

    @Option(names = "--beta", paramLabel = "BETA[,...]", split = ",", defaultValue = "3",
            description = "Weight of each layer's sparsity penalty (default: ${DEFAULT-VALUE}).")
    private double[] beta;

    @Option(names = "--iterations", paramLabel = "N[,N...]", split = ",", defaultValue = "400",
            description = "L-BFGS iterations of each layer's autoencoder (default: ${DEFAULT-VALUE}).")
    private int[] iterations;

    @Option(names = "--softmax-lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay of softmax (default: ${DEFAULT-VALUE}).")
    private double softmaxLambda;

    @Option(names = "--softmax-iterations", paramLabel = "N", defaultValue = "100",
            description = "L-BFGS iterations of softmax (default: ${DEFAULT-VALUE}).")
    private int softmaxIterations;

    @Option(names = "--fine-tune-iterations", paramLabel = "N", defaultValue = "400",
            description = "L-BFGS iterations of fine-tuning; 0 skips it (default: ${DEFAULT-VALUE}).")
    private int fineTuneIterations;

    @Option(names = "--fine-tune-lambda", paramLabel = "LAMBDA",
            description = "Weight decay of every layer's weights in fine-tuning (default: --softmax-lambda).")
    private Double fineTuneLambda;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-deep",
            description = "Folder for the network, the pictures and the checkpoints (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the network here (default: DIR/" + NETWORK_FILE
            + ").")
    private Path save;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Checkpoint every phase into DIR/" + CHECKPOINT_FOLDER + " every N iterations and after its"
                    + " last one.")
    private Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "FOLDER",
            description = "Continue the run whose checkpoints are in FOLDER: each phase with a checkpoint continues"
                    + " from it, the first without one starts anew. Give the same data and options.")
    private Path resume;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        checkOptions();
        PrintWriter err = sae.env().err();
        Path networkFile = save != null ? save : out.resolve(NETWORK_FILE);
        if (resume != null && !Files.isDirectory(resume)) {
            throw new CommandFailure("--resume " + resume + ": no such folder; give the checkpoint folder of the run"
                    + " to continue (DIR/" + CHECKPOINT_FOLDER + ")");
        }
        LabelledSets.Split split = sets.read(err, seed);
        Labels.Labelled trainRaw = split.train();
        classCount = (int) Arrays.stream(trainRaw.labels()).distinct().count();
        if (classCount < 2) {
            throw new DataFileException((sets.labels != null ? sets.labels + ": the training labels have "
                    : sets.train.path() + ": the label column has ") + classCount + " class; a classifier needs at least"
                    + " 2");
        }
        int m = trainRaw.samples().samples();
        EvaluationSettings settings = engine.settings(trainRaw.samples().features(), layers[0], m);
        Labels.Labelled trainSet = sets.prepare(trainRaw, settings, engine, sets.train.path());
        Labels.Labelled testSet = sets.prepare(split.test(), settings, engine, sets.testPath());
        int side = FeatureImage.squareSide(trainSet.samples().features());
        Files.createDirectories(out);

        DeepTrainer.Plan plan = plan();
        Cancellation cancellation = new Cancellation();
        TrainingSpec spec = TrainingSpec.defaults().withSettings(settings).withSeed(seed).withCancellation(cancellation);
        DeepTrainer trainer = DeepTrainer.of(plan, spec).withListener(new Progress(err, settings));
        if (checkpointEvery != null) {
            Path folder = out.resolve(CHECKPOINT_FOLDER);
            trainer = trainer.withCheckpoints(folder, checkpointEvery);
            err.println("checkpoints: " + folder + " every " + checkpointEvery + " iterations");
        }
        if (resume != null) {
            trainer = trainer.resumingFrom(resume);
        }
        long start = System.nanoTime();
        DeepTrainer.Result r;
        try (CancelOnShutdown guard = CancelOnShutdown.install(sae.env().cancelOnShutdown(), cancellation, err)) {
            try {
                r = trainer.train(trainSet.samples(), trainSet.labels());
            } catch (CheckpointMismatchException e) {
                throw new CommandFailure(resume + " holds a checkpoint of another run: " + e.getMessage()
                        + "; resume with that run's data and options (only the iteration budgets and --threads may"
                        + " differ)");
            }
            if (r.cancelled()) {
                err.println("sae: interrupted in " + r.phases().get(r.phases().size() - 1).phase().name()
                        + "; nothing was written" + (checkpointEvery != null ? ", and the run continues with --resume "
                        + out.resolve(CHECKPOINT_FOLDER) : ""));
                err.flush();
                return Sae.EXIT_INTERRUPTED;
            }
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            Outcome before = test("before fine-tuning", r.pretrained(), testSet, settings);
            Outcome after = r.fineTuned() == null ? null : test("after fine-tuning", r.fineTuned(), testSet, settings);
            Map<String, Path> pictures = save(r, networkFile, side);
            report(r, before, after, settings, networkFile, pictures, totalSeconds, m, testSet.samples().samples());
            return 0;
        }
    }

    private void checkOptions() {
        sets.check(spec);
        int depth = layers.length;
        for (int l = 0; l < depth; l++) {
            Checks.require(spec, layers[l] >= 1, "--layers: layer " + (l + 1) + " must have at least 1 unit, got "
                    + layers[l]);
        }
        requireLength("--rho", rho.length, depth);
        requireLength("--lambda", lambda.length, depth);
        requireLength("--beta", beta.length, depth);
        requireLength("--iterations", iterations.length, depth);
        for (double r : rho) {
            Checks.require(spec, r > 0 && r < 1, "--rho must be in (0, 1), got " + r);
        }
        for (double l : lambda) {
            Checks.finiteNonNegative(spec, "--lambda", l);
        }
        for (double b : beta) {
            Checks.finiteNonNegative(spec, "--beta", b);
        }
        for (int n : iterations) {
            Checks.positive(spec, "--iterations", n);
        }
        Checks.finiteNonNegative(spec, "--softmax-lambda", softmaxLambda);
        Checks.positive(spec, "--softmax-iterations", softmaxIterations);
        Checks.require(spec, fineTuneIterations >= 0, "--fine-tune-iterations must be >= 0, got " + fineTuneIterations);
        if (fineTuneLambda != null) {
            Checks.finiteNonNegative(spec, "--fine-tune-lambda", fineTuneLambda);
        }
        Checks.positiveIfGiven(spec, "--checkpoint-every", checkpointEvery);
        report.check(spec);
        engine.check();
    }

    private void requireLength(String option, int length, int depth) {
        Checks.require(spec, length == 1 || length == depth, option + " has " + length + " values for " + depth
                + " layers (--layers " + joined(layers) + "); give one value for all or one per layer");
    }

    private static String joined(int[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    private DeepTrainer.Plan plan() {
        List<DeepTrainer.Layer> list = new ArrayList<>();
        for (int l = 0; l < layers.length; l++) {
            list.add(new DeepTrainer.Layer(layers[l], at(rho, l), at(lambda, l), at(beta, l),
                    Lbfgs.builder().maxIterations(iterations.length == 1 ? iterations[0] : iterations[l]).build()));
        }
        Optimizer fineTune = fineTuneIterations == 0 ? null : Lbfgs.builder().maxIterations(fineTuneIterations).build();
        return new DeepTrainer.Plan(list, softmaxLambda, Lbfgs.builder().maxIterations(softmaxIterations).build(),
                fineTuneLambda != null ? fineTuneLambda : softmaxLambda, fineTune);
    }

    private static double at(double[] values, int layer) {
        return values.length == 1 ? values[0] : values[layer];
    }

    /** Each phase's header line, its progress, and its end. */
    private final class Progress implements DeepTrainer.Listener {
        private final PrintWriter err;
        private final EvaluationSettings settings;
        private ProgressPrinter printer;

        Progress(PrintWriter err, EvaluationSettings settings) {
            this.err = err;
            this.settings = settings;
        }

        @Override
        public ProgressListener started(DeepTrainer.Phase phase, int inputs, int samples, boolean resumed) {
            String what = switch (phase.kind()) {
                case LAYER -> {
                    int l = phase.layer() - 1;
                    yield String.format(Locale.ROOT, "autoencoder %d -> %d, rho %s, lambda %s, beta %s", inputs,
                            layers[l], at(rho, l), at(lambda, l), at(beta, l));
                }
                case SOFTMAX -> String.format(Locale.ROOT, "softmax on %d features, lambda %s", inputs, softmaxLambda);
                case FINE_TUNE -> String.format(Locale.ROOT, "the whole network %d-%s-%d, lambda %s", inputs,
                        joined(layers).replace(',', '-'), classCount, fineTuneLambda != null ? fineTuneLambda : softmaxLambda);
            };
            err.printf(Locale.ROOT, "%s: %s on %d samples; L-BFGS, %d iterations; backend %s, %d threads, %s%s%n",
                    phase.name(), what, samples, phase.maxIterations(), settings.backend().name(), settings.threads(),
                    settings.precision().shortName(), resumed ? "; resuming from " + resume.resolve(phase.checkpointFile())
                            : "");
            printer = new ProgressPrinter(err, sae.env().terminal(), report.progressEvery, phase.maxIterations());
            return printer;
        }

        @Override
        public void finished(DeepTrainer.PhaseResult r) {
            printer.finish();
            err.printf(Locale.ROOT, "%s: J = %.10g after %d iterations (%s) in %.1f s%s%n", r.phase().name(),
                    r.finalCost(), r.iterations(), r.termination().description(), r.seconds(),
                    r.encodeSeconds() > 0 ? String.format(Locale.ROOT, "; encoded the next layer's inputs in %.1f s",
                            r.encodeSeconds()) : "");
            err.flush();
        }
    }

    /** A network's predictions on the test set, and how long they took. */
    record Outcome(ConfusionMatrix confusion, double seconds) {
    }

    private Outcome test(String when, DeepNetwork network, Labels.Labelled testSet, EvaluationSettings settings) {
        long start = System.nanoTime();
        int[] predicted = network.predict(testSet.samples(), settings);
        ConfusionMatrix c = ConfusionMatrix.of(predicted, testSet.labels(), network.classLabels());
        double seconds = (System.nanoTime() - start) / 1e9;
        sae.env().err().printf(Locale.ROOT, "test accuracy %s: %.2f%% (%d of %d)%n", when, 100 * c.accuracy(),
                c.correct(), c.samples());
        return new Outcome(c, seconds);
    }

    /** The network, then the pictures, each replaced atomically; the pictures drawn before anything is written. */
    private Map<String, Path> save(DeepTrainer.Result r, Path networkFile, int side) throws IOException {
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        if (side > 0) {
            images.put("features.png", FeatureImage.render(r.layers().get(0).w1(), side, side));
        }
        for (DeepTrainer.PhaseResult p : r.phases()) {
            images.put("cost-" + p.phase().name().replace(' ', '-') + ".png", CostPlot.render(p.costHistory(),
                    TrainingJob.COST_PLOT_WIDTH, TrainingJob.COST_PLOT_HEIGHT));
        }
        NetworkFile.write(networkFile, new StoredNetwork(r.network(), sets.factor(), engine.precision(),
                r.fineTuned() != null));
        Map<String, Path> written = new LinkedHashMap<>();
        for (Map.Entry<String, BufferedImage> e : images.entrySet()) {
            Path file = out.resolve(e.getKey());
            Png.write(e.getValue(), file);
            written.put(e.getKey(), file);
        }
        return written;
    }

    private void report(DeepTrainer.Result r, Outcome before, Outcome after, EvaluationSettings settings,
                        Path networkFile, Map<String, Path> pictures, double totalSeconds, int trainSamples,
                        int testSamples) {
        PrintWriter o = sae.env().out();
        List<DeepTrainer.PhaseResult> layerPhases = r.phases().stream()
                .filter(p -> p.phase().kind() == DeepTrainer.Phase.Kind.LAYER).toList();
        DeepTrainer.PhaseResult softmax = r.phases().get(layerPhases.size());
        DeepTrainer.PhaseResult tune = after == null ? null : r.phases().get(r.phases().size() - 1);
        if (report.json) {
            List<Json> layerJson = new ArrayList<>();
            for (DeepTrainer.PhaseResult p : layerPhases) {
                layerJson.add(phaseJson(p).put("layer", p.phase().layer()).put("encodeSeconds", p.encodeSeconds()));
            }
            Json pics = Json.object();
            pictures.forEach((name, file) -> pics.put(name, file.toString()));
            Json json = Json.object()
                    .put("accuracyBeforeFineTuning", before.confusion().accuracy())
                    .put("accuracyAfterFineTuning", after == null ? Double.NaN : after.confusion().accuracy())
                    .putObjects("layers", layerJson)
                    .put("softmax", phaseJson(softmax))
                    .put("fineTune", tune == null ? null : phaseJson(tune))
                    .put("fineTuneSeconds", tune == null ? 0 : tune.seconds())
                    .put("totalSeconds", totalSeconds)
                    .put("trainSamples", trainSamples)
                    .put("testSamples", testSamples)
                    .put("network", networkFile.toString())
                    .put("pictures", pics)
                    .put("backend", settings.backend().name())
                    .put("threads", settings.threads())
                    .put("precision", settings.precision().shortName())
                    .put("confusionBefore", before.confusion().counts());
            o.println(after == null ? json : json.put("confusionAfter", after.confusion().counts()));
        } else {
            for (DeepTrainer.PhaseResult p : r.phases()) {
                o.printf(Locale.ROOT, "%-10s %5d -> %-5d J = %.6g after %d iterations (%s) in %.1f s%n", p.phase().name(),
                        p.inputs(), p.outputs(), p.finalCost(), p.iterations(), p.termination().description(),
                        p.seconds() + p.encodeSeconds());
            }
            o.printf(Locale.ROOT, "test accuracy before fine-tuning: %.2f%% (%d of %d)%n", 100 * before.confusion()
                    .accuracy(), before.confusion().correct(), before.confusion().samples());
            if (after != null) {
                o.printf(Locale.ROOT, "test accuracy after fine-tuning:  %.2f%% (%d of %d)%n", 100 * after.confusion()
                        .accuracy(), after.confusion().correct(), after.confusion().samples());
            }
            o.printf(Locale.ROOT, "%d training and %d test samples, %.1f s in all; backend %s, %d threads, %s%n",
                    trainSamples, testSamples, totalSeconds, settings.backend().name(), settings.threads(),
                    settings.precision().shortName());
            o.println("network:   " + networkFile);
            pictures.forEach((name, file) -> o.println("picture:   " + file));
        }
        o.flush();
    }

    private static Json phaseJson(DeepTrainer.PhaseResult p) {
        return Json.object()
                .put("inputs", p.inputs())
                .put("outputs", p.outputs())
                .put("finalCost", p.finalCost())
                .put("iterations", p.iterations())
                .put("evaluations", p.evaluations())
                .put("termination", p.termination().name())
                .put("seconds", p.seconds())
                .put("resumed", p.resumed());
    }
}
