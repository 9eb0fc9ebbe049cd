package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.classify.ClassifierFile;
import org.sae4j.classify.StoredClassifier;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import org.sae4j.data.Preprocessing;
import org.sae4j.io.Json;
import org.sae4j.model.ModelFile;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Optimizer;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.options.OptimizerOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae classify}: softmax regression on raw inputs or on a model's features, tested on held-out data. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a softmax classifier on labelled data, on the raw inputs or on the features of a model"
                + " (--model), and reports its accuracy on a test set: overall, per class, and the confusion matrix.",
                "The test set is a second file (--test-idx/--test-npy/--test-csv) or a part held out at random"
                        + " (--test-fraction, --seed). --compare-raw trains the same classifier on the raw inputs too."})
final class ClassifyCommand extends Subcommand {
    static final double DEFAULT_TEST_FRACTION = 0.2;

    /** The test samples: {@link SampleFiles}' three options, named for the test set. */
    static final class TestFiles {
        @Option(names = "--test-idx", paramLabel = "FILE", required = true, description = "IDX test images.")
        Path idx;

        @Option(names = "--test-npy", paramLabel = "FILE", required = true, description = "NPY test samples.")
        Path npy;

        @Option(names = "--test-csv", paramLabel = "FILE", required = true,
                description = "CSV test samples (same --label-column, or --test-labels).")
        Path csv;

        SampleFiles files() {
            SampleFiles f = new SampleFiles();
            f.idx = idx;
            f.npy = npy;
            f.csv = csv;
            return f;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Training data (exactly one):%n")
    private SampleFiles train;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The training labels: an IDX label file or a 1-D integer NPY, one per sample.")
    private Path labels;

    @Option(names = "--label-column", paramLabel = "N",
            description = "CSV: the column holding the label, counting from 0; the other columns are the values.")
    private Integer labelColumn;

    @Mixin
    private CsvHeaderOption csvHeader;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Test data (at most one; else --test-fraction):%n")
    private TestFiles test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "The test labels (IDX or NPY).")
    private Path testLabels;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Without a test file: hold out this fraction of the samples, chosen with --seed, as the"
                    + " test set (default: " + DEFAULT_TEST_FRACTION + ").")
    private Double testFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the held-out split (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every input value by X first (default: 1/255 for IDX images, else 1). Use the"
                    + " scale the model was trained with.")
    private Double scale;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Classify the hidden activations of this model (sae train) instead of the inputs.")
    private Path model;

    @Option(names = "--compare-raw", description = "With --model: also train on the raw inputs, and report both.")
    private boolean compareRaw;

    @Option(names = "--softmax-lambda", paramLabel = "LAMBDA", defaultValue = "1e-4",
            description = "Weight decay of the softmax weights (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Mixin
    private OptimizerOptions optimizer;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Write the classifier (of the model's features with --model) for sae predict.")
    private Path save;

    @Mixin
    private StoreOptions store;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        checkOptions();
        Optimizer opt = optimizer.build(spec);
        CsvReader.Header header = csvHeader.header();
        PrintWriter err = sae.env().err();
        TrainedModel features = model == null ? null : ModelFile.read(model).model();

        Labels.Labelled all = read(train, labels, header);
        Labels.Labelled trainSet;
        Labels.Labelled testSet;
        if (test != null) {
            trainSet = all;
            testSet = read(test.files(), testLabels, header);
            if (testSet.samples().features() != all.samples().features()) {
                throw new DataFileException(test.files().path() + ": " + testSet.samples().features()
                        + " values per sample,"
                        + " but the training data " + train.path() + " has " + all.samples().features());
            }
        } else {
            Labels.Labelled[] parts = holdOut(all, testFraction != null ? testFraction : DEFAULT_TEST_FRACTION, seed);
            trainSet = parts[0];
            testSet = parts[1];
            err.printf(Locale.ROOT, "held out %d of %d samples as the test set (seed %d)%n",
                    testSet.samples().samples(), all.samples().samples(), seed);
        }
        double factor = scale != null ? scale : train.idx != null ? 1 / 255.0 : 1;
        if (features != null && features.config().visible() != all.samples().features()) {
            throw new DataFileException(train.path() + ": " + all.samples().features() + " values per sample, but the"
                    + " model " + model + " has " + features.config().visible() + " inputs");
        }
        int m = trainSet.samples().samples();
        EvaluationSettings settings = features != null
                ? engine.settings(features.config().visible(), features.config().hidden(), m)
                : engine.settings(all.samples().features(), distinct(trainSet.labels()), m);
        trainSet = prepare(trainSet, factor, settings, train.path());
        testSet = prepare(testSet, factor, settings, test != null ? test.files().path() : train.path());
        Classification.Training t = new Classification.Training(lambda, opt, optimizer.iterations(), settings,
                sae.env(), report.progressEvery);

        Classification.Outcome main;
        Classification.Outcome raw = null;
        double encodeMillis = Double.NaN;
        if (features != null) {
            long start = System.nanoTime();
            Labels.Labelled encodedTrain = Classification.encode(features, trainSet, settings);
            encodeMillis = (System.nanoTime() - start) / 1e6;
            Labels.Labelled encodedTest = Classification.encode(features, testSet, settings);
            err.printf(Locale.ROOT, "encoded the %d training samples with %s (%d -> %d) in %.0f ms, and the %d test"
                    + " samples%n", trainSet.samples().samples(), model, features.config().visible(),
                    features.config().hidden(), encodeMillis, testSet.samples().samples());
            main = Classification.trainAndTest("features of " + model, encodedTrain, encodedTest, t);
            if (compareRaw) {
                raw = Classification.trainAndTest("raw inputs", trainSet, testSet, t);
            }
        } else {
            main = Classification.trainAndTest("raw inputs", trainSet, testSet, t);
        }
        if (save != null) {
            ClassifierFile.write(save, new StoredClassifier(main.trained().classifier(), all.samples().features(),
                    factor, features == null ? null : features.encoderDigest()));
        }
        report(main, raw, encodeMillis, factor);
        return 0;
    }

    private void checkOptions() {
        boolean csv = train.csv != null;
        Checks.require(spec, labelColumn == null || csv, "--label-column applies to --csv only");
        Checks.require(spec, !(labelColumn != null && labels != null), "give the labels once: --labels or"
                + " --label-column, not both");
        Checks.require(spec, labels != null || labelColumn != null, csv ? "--csv needs --label-column N or --labels"
                + " FILE" : "--idx and --npy need --labels FILE");
        if (labelColumn != null) {
            Checks.require(spec, labelColumn >= 0, "--label-column must be >= 0, got " + labelColumn);
        }
        if (test != null) {
            Checks.require(spec, testFraction == null, "--test-fraction holds out part of the training data; it"
                    + " cannot go with a test file");
            boolean columnLabels = test.csv != null && labelColumn != null;
            Checks.require(spec, testLabels != null || columnLabels, "the test data needs --test-labels FILE"
                    + (test.csv != null ? " (or --label-column for CSV)" : ""));
            Checks.require(spec, !(testLabels != null && columnLabels), "the test CSV's labels come from"
                    + " --label-column; drop --test-labels");
        } else {
            Checks.require(spec, testLabels == null, "--test-labels needs test data: --test-idx, --test-npy or"
                    + " --test-csv");
        }
        if (testFraction != null) {
            Checks.require(spec, testFraction > 0 && testFraction < 1, "--test-fraction must be in (0, 1), got "
                    + testFraction);
        }
        Checks.require(spec, !compareRaw || model != null, "--compare-raw compares a model's features with the raw"
                + " inputs; give the model with --model");
        Checks.finiteNonNegative(spec, "--softmax-lambda", lambda);
        Checks.require(spec, scale == null || scale != 0, "--scale must not be 0");
        report.check(spec);
        engine.check();
    }

    private Labels.Labelled read(SampleFiles files, Path labelsFile, CsvReader.Header header) throws IOException {
        Path file = files.path();
        Dataset samples = files.read(header, store.load);
        Labels.Labelled l = LabelledFiles.labelled(samples, file, labelsFile, files.csv != null ? labelColumn : null);
        sae.env().err().printf(Locale.ROOT, "read %d samples of %d values and their labels from %s%n",
                l.samples().samples(), l.samples().features(), file);
        return l;
    }

    /** [train, test]: a seeded shuffle, the first (1 − fraction) for training. */
    static Labels.Labelled[] holdOut(Labels.Labelled all, double fraction, long seed) throws CommandFailure {
        int m = all.samples().samples();
        int testCount = (int) Math.round(fraction * m);
        if (testCount < 1 || testCount >= m) {
            throw new CommandFailure("cannot hold out " + fraction + " of " + m + " samples: that leaves "
                    + testCount + " for testing and " + (m - testCount) + " for training");
        }
        int[] order = all.shuffledIndices(seed);
        return new Labels.Labelled[] {all.subset(Arrays.copyOfRange(order, 0, m - testCount)),
                all.subset(Arrays.copyOfRange(order, m - testCount, m))};
    }

    private Labels.Labelled prepare(Labels.Labelled l, double factor, EvaluationSettings settings, Path file) {
        Dataset d = factor == 1 ? l.samples() : Preprocessing.scale(l.samples(), factor);
        String precision = settings.precision().shortName();
        return new Labels.Labelled(engine.requireFinite(d.toPrecision(settings.precision()), file + " in " + precision),
                l.labels());
    }

    private static int distinct(int[] labels) {
        return (int) Arrays.stream(labels).distinct().count();
    }

    private void report(Classification.Outcome main, Classification.Outcome raw, double encodeMillis, double factor) {
        PrintWriter out = sae.env().out();
        if (report.json) {
            Json json = Classification.json(main)
                    .put("scale", factor)
                    .put("model", model == null ? null : model.toString())
                    .put("encodeTrainMillis", encodeMillis)
                    .put("rawAccuracy", raw == null ? Double.NaN : raw.accuracy())
                    .put("raw", raw == null ? null : Classification.json(raw))
                    .put("saved", save == null ? null : save.toString());
            out.println(json);
        } else {
            Classification.print(out, main);
            if (raw != null) {
                Classification.print(out, raw);
                out.printf(Locale.ROOT, "features %.2f%% against raw inputs %.2f%%%n", 100 * main.accuracy(),
                        100 * raw.accuracy());
            }
            if (save != null) {
                out.println("classifier: " + save);
            }
        }
        out.flush();
    }
}
