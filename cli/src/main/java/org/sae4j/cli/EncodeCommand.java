package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;
import org.sae4j.model.TrainedModel;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae encode}: hidden activations of new data. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Computes the hidden activations f(W1 x + b1) of every sample, as a float64 NPY array (m, h).",
                "The data are read in place (--load: into the heap) and the activations written block by block, so"
                        + " neither needs to fit in the heap; the file appears whole or not at all."})
final class EncodeCommand extends Subcommand {
    /** Samples encoded and written at a time. */
    static final int BLOCK = 1 << 16;

    @Mixin
    private ModelArgument model;

    @Option(names = "--npy", paramLabel = "X.npy", required = true, description = "The data, (m, v), one sample per row.")
    private Path npy;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every value by X first, as the model was trained (e.g. 1/255 for pixel bytes;"
                    + " default: 1).")
    private Double scale;

    @Option(names = "--out", paramLabel = "H.npy", required = true, description = "Where to write the activations.")
    private Path out;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private StoreOptions store;

    @Override
    public Integer call() throws IOException {
        engine.check();
        Checks.require(spec, scale == null || scale != 0, "--scale must not be 0");
        TrainedModel m = model.read();
        Dataset read = store.load ? NpyReader.readSamples(npy) : NpyReader.openSamples(npy);
        if (read.features() != m.config().visible()) {
            throw new DataFileException(npy + ": " + read.features() + " values per sample, but the model " + model.file
                    + " has " + m.config().visible() + " inputs");
        }
        EvaluationSettings settings = engine.settings(m.config().visible(), m.config().hidden(), read.samples());
        Dataset x = engine.requireFinite((scale == null ? read : read.scaled(scale)).toPrecision(settings.precision()),
                npy + " in " + settings.precision().shortName());
        Encoder encoder = m.encoder(settings);
        int h = m.config().hidden();
        int block = Math.min(BLOCK, x.samples());
        // h x n column-major is (n, h) in C order: one row of activations per sample
        try (NpyWriter.RowWriter rows = NpyWriter.rows(out, ValueType.F64, h)) {
            double[] activations = settings.precision() == Precision.F64 ? new double[h * block] : null;
            float[] single = settings.precision() == Precision.F32 ? new float[h * block] : null;
            for (int first = 0; first < x.samples(); first += block) {
                int n = Math.min(block, x.samples() - first);
                if (activations != null) {
                    encoder.encode(x, first, n, activations);
                    rows.append(activations, 0, n);
                } else {
                    encoder.encode(x, first, n, single);
                    rows.append(single, 0, n);
                }
            }
            rows.commit();
        }
        sae.env().out().println(out);
        sae.env().out().flush();
        return 0;
    }
}
