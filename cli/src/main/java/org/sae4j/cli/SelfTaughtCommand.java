package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.IdxReader;
import org.sae4j.data.Labels;
import org.sae4j.data.Preprocessing;
import org.sae4j.io.Json;
import org.sae4j.model.Provenance;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.Termination;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae self-taught}: the UFLDL self-taught learning experiment in one command. */
@Command(name = "self-taught", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The UFLDL self-taught learning experiment on MNIST-format files: trains a sparse autoencoder"
                + " on the unlabelled classes (default 5-9), encodes the other classes, splits them in half with"
                + " --seed, and trains softmax on the features and on the raw pixels, reporting both test accuracies.",
                "Writes DIR/model.sae, DIR/features.png and DIR/cost.png as sae train does."})
final class SelfTaughtCommand extends Subcommand {
    @Option(names = "--idx", paramLabel = "FILE", required = true, description = "IDX images, plain or gzip.")
    private Path idx;

    @Option(names = "--labels", paramLabel = "FILE", required = true, description = "Their labels (IDX or NPY).")
    private Path labels;

    @Option(names = "--unlabelled-classes", paramLabel = "C,C,...", split = ",", defaultValue = "5,6,7,8,9",
            description = "The classes whose images train the autoencoder, labels unused (default: ${DEFAULT-VALUE}).")
    private int[] unlabelledClasses;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class, defaultValue = "1/255",
            description = "Multiply every pixel by X (default: ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "196", description = "Hidden units (default:"
            + " ${DEFAULT-VALUE}, the UFLDL exercise's).")
    private int hidden;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.1",
            description = "Target mean activation (default: ${DEFAULT-VALUE}).")
    private double rho;

    @Option(names = "--lambda", paramLabel = "LAMBDA", defaultValue = "3e-3",
            description = "Weight decay of the autoencoder (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "3",
            description = "Weight of the sparsity penalty (default: ${DEFAULT-VALUE}).")
    private double beta;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "400",
            description = "L-BFGS iterations of the autoencoder (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--softmax-lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay of softmax (default: ${DEFAULT-VALUE}).")
    private double softmaxLambda;

    @Option(names = "--softmax-iterations", paramLabel = "N", defaultValue = "100",
            description = "L-BFGS iterations of softmax (default: ${DEFAULT-VALUE}, the UFLDL exercise's).")
    private int softmaxIterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the initial weights and of the train/test split (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-self-taught",
            description = "Folder for model.sae, features.png and cost.png (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        checkOptions();
        PrintWriter err = sae.env().err();
        Dataset images = IdxReader.readImages(idx);
        Labels.Labelled all = LabelledFiles.labelled(images, idx, labels, null);
        int side = TrainCommand.squareSide(images.features());
        TreeSet<Integer> unlabelled = new TreeSet<>();
        for (int c : unlabelledClasses) {
            unlabelled.add(c);
        }
        for (int c : unlabelled) {
            if (Arrays.stream(all.labels()).noneMatch(l -> l == c)) {
                throw new CommandFailure("class " + c + " of --unlabelled-classes has no samples in " + labels);
            }
        }
        int[] unlabelledIdx = all.indicesWhere(unlabelled::contains);
        int[] labelledIdx = all.indicesWhere(l -> !unlabelled.contains(l));
        Labels.Labelled labelled = all.subset(labelledIdx);
        if (Arrays.stream(labelled.labels()).distinct().count() < 2) {
            throw new CommandFailure("the labelled part (the classes not in --unlabelled-classes) of " + labels
                    + " has fewer than 2 classes; leave at least two out of --unlabelled-classes");
        }
        int half = (labelledIdx.length + 1) / 2;
        int[] order = labelled.shuffledIndices(seed);
        Labels.Labelled trainSet = labelled.subset(Arrays.copyOfRange(order, 0, half));
        Labels.Labelled testSet = labelled.subset(Arrays.copyOfRange(order, half, order.length));
        err.printf(Locale.ROOT, "%s: %d images; unlabelled (classes %s): %d; labelled: %d, split with seed %d into"
                        + " %d for training and %d for testing%n", idx, images.samples(), unlabelled, unlabelledIdx.length,
                labelledIdx.length, seed, trainSet.samples().samples(), testSet.samples().samples());

        SparseAutoencoderConfig config = new SparseAutoencoderConfig(images.features(), hidden, rho, lambda, beta);
        EvaluationSettings settings = engine.settings(config.visible(), config.hidden(), unlabelledIdx.length);
        Dataset unlabelledData = prepare(all.subset(unlabelledIdx).samples(), settings);
        Optimizer aeOptimizer = Lbfgs.builder().maxIterations(iterations).build();
        Provenance provenance = new Provenance(idx + " (classes " + unlabelled + ")", aeOptimizer.toString(),
                engine.chunkFor(unlabelledIdx.length, config.visible(), config.hidden()), engine.backendChoice());
        TrainingJob.Plan plan = new TrainingJob.Plan(config, unlabelledData, settings, aeOptimizer, iterations, seed,
                provenance);
        Path picture = side > 0 ? out.resolve("features.png") : null;
        TrainingJob.Outputs outputs = new TrainingJob.Outputs(out.resolve("model.sae"), out.resolve("cost.png"),
                picture, side, side, null);
        TrainingResult ae = TrainingJob.trainAndSave(plan, outputs, TrainingJob.Checkpoints.NONE, sae.env(),
                report.progressEvery);
        if (ae.termination() == Termination.CANCELLED) {
            TrainingJob.reportInterrupted(ae, sae.env());
            return Sae.EXIT_INTERRUPTED;
        }

        Labels.Labelled rawTrain = new Labels.Labelled(prepare(trainSet.samples(), settings), trainSet.labels());
        Labels.Labelled rawTest = new Labels.Labelled(prepare(testSet.samples(), settings), testSet.labels());
        long start = System.nanoTime();
        Labels.Labelled featureTrain = Classification.encode(ae.model(), rawTrain, settings);
        Labels.Labelled featureTest = Classification.encode(ae.model(), rawTest, settings);
        double encodeMillis = (System.nanoTime() - start) / 1e6;
        Classification.Training t = new Classification.Training(softmaxLambda,
                Lbfgs.builder().maxIterations(softmaxIterations).build(), softmaxIterations, settings, sae.env(),
                report.progressEvery);
        Classification.Outcome features = Classification.trainAndTest("learned features", featureTrain, featureTest, t);
        Classification.Outcome raw = Classification.trainAndTest("raw pixels", rawTrain, rawTest, t);
        report(ae, outputs, features, raw, unlabelledIdx.length, encodeMillis, List.copyOf(unlabelled));
        return 0;
    }

    private void checkOptions() {
        Checks.require(spec, unlabelledClasses.length > 0, "--unlabelled-classes needs at least one class");
        for (int c : unlabelledClasses) {
            Checks.require(spec, c >= 0, "--unlabelled-classes: a class is a label >= 0, got " + c);
        }
        Checks.positive(spec, "--hidden", hidden);
        Checks.require(spec, rho > 0 && rho < 1, "--rho must be in (0, 1), got " + rho);
        Checks.finiteNonNegative(spec, "--lambda", lambda);
        Checks.finiteNonNegative(spec, "--beta", beta);
        Checks.positive(spec, "--iterations", iterations);
        Checks.finiteNonNegative(spec, "--softmax-lambda", softmaxLambda);
        Checks.positive(spec, "--softmax-iterations", softmaxIterations);
        Checks.require(spec, scale != 0, "--scale must not be 0");
        report.check(spec);
        engine.check();
    }

    private Dataset prepare(Dataset d, EvaluationSettings settings) {
        return Preprocessing.scale(d, scale).toPrecision(settings.precision())
                .requireFinite(idx + " in " + settings.precision().shortName());
    }

    private void report(TrainingResult ae, TrainingJob.Outputs outputs, Classification.Outcome features,
                        Classification.Outcome raw, int unlabelledSamples, double encodeMillis, List<Integer> classes) {
        PrintWriter o = sae.env().out();
        if (report.json) {
            o.println(Json.object()
                    .put("featureAccuracy", features.accuracy())
                    .put("rawAccuracy", raw.accuracy())
                    .put("unlabelledSamples", unlabelledSamples)
                    .put("trainSamples", features.trainSamples())
                    .put("testSamples", features.confusion().samples())
                    .put("unlabelledClasses", classes.stream().map(String::valueOf).toList())
                    .put("autoencoderCost", ae.finalCost())
                    .put("autoencoderIterations", ae.iterations())
                    .put("autoencoderSeconds", TrainingJob.seconds(ae))
                    .put("encodeMillis", encodeMillis)
                    .put("model", outputs.model().toString())
                    .put("features", outputs.features() == null ? null : outputs.features().toString())
                    .put("costPlot", outputs.costPlot().toString())
                    .put("withFeatures", Classification.json(features))
                    .put("withRawPixels", Classification.json(raw)));
        } else {
            o.printf(Locale.ROOT, "autoencoder: J = %.10g after %d iterations (%s) in %.1f s on %d unlabelled"
                            + " images%n", ae.finalCost(), ae.iterations(), ae.termination().description(),
                    TrainingJob.seconds(ae), unlabelledSamples);
            Classification.print(o, features);
            Classification.print(o, raw);
            o.printf(Locale.ROOT, "self-taught: learned features %.2f%%, raw pixels %.2f%% (%d training, %d test"
                    + " samples)%n", 100 * features.accuracy(), 100 * raw.accuracy(), features.trainSamples(),
                    features.confusion().samples());
            o.println("model:     " + outputs.model());
            if (outputs.features() != null) {
                o.println("features:  " + outputs.features());
            }
            o.println("cost plot: " + outputs.costPlot());
        }
        o.flush();
    }
}
