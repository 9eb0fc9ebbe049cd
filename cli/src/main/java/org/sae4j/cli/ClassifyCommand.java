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
    @Mixin
    private LabelledSets sets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the held-out split (default: ${DEFAULT-VALUE}).")
    private long seed;

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
    private ReportOptions report;

    @Override
    public Integer call() throws IOException, CommandFailure {
        checkOptions();
        Optimizer opt = optimizer.build(spec);
        PrintWriter err = sae.env().err();
        TrainedModel features = model == null ? null : ModelFile.read(model).model();
        LabelledSets.Split split = sets.read(err, seed);
        Labels.Labelled all = split.all();
        Labels.Labelled trainSet = split.train();
        Labels.Labelled testSet = split.test();
        double factor = sets.factor();
        if (features != null && features.config().visible() != all.samples().features()) {
            throw new DataFileException(sets.train.path() + ": " + all.samples().features() + " values per sample, but"
                    + " the model " + model + " has " + features.config().visible() + " inputs");
        }
        int m = trainSet.samples().samples();
        EvaluationSettings settings = features != null
                ? engine.settings(features.config().visible(), features.config().hidden(), m)
                : engine.settings(all.samples().features(), distinct(trainSet.labels()), m);
        trainSet = sets.prepare(trainSet, settings, engine, sets.train.path());
        testSet = sets.prepare(testSet, settings, engine, sets.testPath());
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
        sets.check(spec);
        Checks.require(spec, !compareRaw || model != null, "--compare-raw compares a model's features with the raw"
                + " inputs; give the model with --model");
        Checks.finiteNonNegative(spec, "--softmax-lambda", lambda);
        report.check(spec);
        engine.check();
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
