package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.classify.ClassifierFile;
import org.sae4j.classify.StoredClassifier;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.Preprocessing;
import org.sae4j.deep.DeepNetwork;
import org.sae4j.deep.NetworkFile;
import org.sae4j.deep.StoredNetwork;
import org.sae4j.io.Json;
import org.sae4j.model.ModelFile;
import org.sae4j.model.TrainedModel;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sae predict}: applies a saved classifier to new data and writes the labels. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a classifier saved by sae classify --save, or a network written by sae deep, to new"
                + " samples and writes the predicted labels as an int32 NPY array (m).",
                "The inputs are scaled as they were for training; a classifier of a model's features needs that"
                        + " model (--model), and refuses any other. With --labels (or --label-column) it also reports"
                        + " the accuracy."})
final class PredictCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "CLASSIFIER",
            description = "A classifier file written by sae classify --save, or a network file written by sae deep.")
    private Path classifierFile;

    @Option(names = "--model", paramLabel = "FILE", description = "The model whose features the classifier reads.")
    private Path model;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Data (exactly one):%n")
    private SampleFiles data;

    @Mixin
    private CsvHeaderOption csvHeader;

    @Option(names = "--labels", paramLabel = "FILE", description = "True labels, to report the accuracy.")
    private Path labels;

    @Option(names = "--label-column", paramLabel = "N",
            description = "CSV: a column of true labels (counting from 0), left out of the values.")
    private Integer labelColumn;

    @Option(names = "--out", paramLabel = "LABELS.npy", required = true, description = "Where to write the labels.")
    private Path out;

    @Option(names = "--json", description = "Print one JSON object with the results on stdout.")
    private boolean json;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private StoreOptions store;

    @Override
    public Integer call() throws IOException, CommandFailure {
        Checks.require(spec, labelColumn == null || data.csv != null, "--label-column applies to --csv only");
        Checks.require(spec, labelColumn == null || labels == null, "give the labels once: --labels or"
                + " --label-column, not both");
        engine.check();
        if (NetworkFile.holdsNetwork(classifierFile)) {
            Checks.require(spec, model == null, classifierFile + " is a whole network (sae deep); it takes no --model");
            return predictWithNetwork(NetworkFile.read(classifierFile));
        }
        StoredClassifier stored = ClassifierFile.read(classifierFile);
        TrainedModel encoder = encoder(stored);
        Path file = data.path();
        Given truth = samplesAndTruth();
        Dataset samples = truth.samples();
        if (samples.features() != stored.inputs()) {
            throw new DataFileException(file + ": " + samples.features() + " values per sample, but the classifier "
                    + classifierFile + " was trained on " + stored.inputs());
        }
        EvaluationSettings settings = encoder != null
                ? engine.settings(encoder.config().visible(), encoder.config().hidden(), samples.samples())
                : engine.settings(stored.inputs(), stored.classifier().config().classes(), samples.samples());
        Dataset scaled = engine.requireFinite((stored.inputScale() == 1 ? samples
                : Preprocessing.scale(samples, stored.inputScale())).toPrecision(settings.precision()),
                file + " in " + settings.precision().shortName());
        Dataset features = encoder == null ? scaled : encoder.features(scaled, settings);
        int[] predicted = stored.classifier().predict(features);
        return write(predicted, truth);
    }

    /** The samples, and their true labels or null. */
    private record Given(Dataset samples, int[] labels) {
    }

    private Given samplesAndTruth() throws IOException {
        Dataset samples = data.read(csvHeader.header(), store.load);
        if (labels == null && labelColumn == null) {
            return new Given(samples, null);
        }
        Labels.Labelled l = LabelledFiles.labelled(samples, data.path(), labels, labelColumn);
        return new Given(l.samples(), l.labels());
    }

    private Integer predictWithNetwork(StoredNetwork stored) throws IOException {
        DeepNetwork net = stored.network();
        Path file = data.path();
        Given truth = samplesAndTruth();
        Dataset samples = truth.samples();
        if (samples.features() != net.network().inputs()) {
            throw new DataFileException(file + ": " + samples.features() + " values per sample, but the network "
                    + classifierFile + " (" + net.network() + ") has " + net.network().inputs() + " inputs");
        }
        EvaluationSettings settings = engine.settings(samples.features(), net.network().width(1), samples.samples());
        Dataset scaled = engine.requireFinite((stored.inputScale() == 1 ? samples
                : Preprocessing.scale(samples, stored.inputScale())).toPrecision(settings.precision()),
                file + " in " + settings.precision().shortName());
        return write(net.predict(scaled, settings), truth);
    }

    private Integer write(int[] predicted, Given truth) throws IOException {
        long correct = 0;
        for (int s = 0; truth.labels() != null && s < predicted.length; s++) {
            if (predicted[s] == truth.labels()[s]) {
                correct++;
            }
        }
        NpyWriter.writeI32(out, predicted);
        report(predicted.length, truth.labels() == null ? Double.NaN : (double) correct / predicted.length, correct);
        return 0;
    }

    private TrainedModel encoder(StoredClassifier stored) throws IOException, CommandFailure {
        if (!stored.usesEncoder()) {
            Checks.require(spec, model == null, classifierFile + " classifies raw inputs; it takes no --model");
            return null;
        }
        if (model == null) {
            throw Checks.usage(spec, classifierFile + " classifies the features of an autoencoder; give that model"
                    + " with --model");
        }
        TrainedModel m = ModelFile.read(model).model();
        if (!stored.matchesEncoder(m.encoderDigest())) {
            throw new CommandFailure(model + " is not the model " + classifierFile + " was trained with: its"
                    + " encoder (W1, b1) differs; give the model that sae classify --model used");
        }
        return m;
    }

    private void report(int samples, double accuracy, long correct) {
        PrintWriter o = sae.env().out();
        if (json) {
            Json j = Json.object().put("out", out.toString()).put("samples", samples).put("accuracy", accuracy);
            o.println(Double.isNaN(accuracy) ? j.put("correct", (String) null) : j.put("correct", correct));
        } else {
            o.println(out);
            if (!Double.isNaN(accuracy)) {
                o.printf(Locale.ROOT, "accuracy %.2f%% (%d of %d)%n", 100 * accuracy, correct, samples);
            }
        }
        o.flush();
    }
}
