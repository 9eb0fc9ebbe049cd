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
        description = {"Applies a classifier saved by sae classify --save to new samples and writes the predicted"
                + " labels as an int32 NPY array (m).",
                "The inputs are scaled as they were for training; a classifier of a model's features needs that"
                        + " model (--model), and refuses any other. With --labels (or --label-column) it also reports"
                        + " the accuracy."})
final class PredictCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "CLASSIFIER", description = "A classifier file written by sae classify --save.")
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
        StoredClassifier stored = ClassifierFile.read(classifierFile);
        TrainedModel encoder = encoder(stored);
        Path file = data.path();
        Dataset samples = data.read(csvHeader.header(), store.load);
        Labels.Labelled truth = labels != null || labelColumn != null
                ? LabelledFiles.labelled(samples, file, labels, labelColumn) : null;
        if (truth != null) {
            samples = truth.samples();
        }
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
        Dataset features = encoder == null ? scaled : Classification.encode(encoder, scaled, settings);
        int[] predicted = stored.classifier().predict(features);
        long correct = 0;
        for (int s = 0; truth != null && s < predicted.length; s++) {
            if (predicted[s] == truth.labels()[s]) {
                correct++;
            }
        }
        NpyWriter.writeI32(out, predicted);
        report(predicted.length, truth == null ? Double.NaN : (double) correct / predicted.length, correct);
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
