package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.SampleReader;
import org.sae4j.data.ValueType;
import org.sae4j.deep.DeepNetwork;
import org.sae4j.deep.NetworkFile;
import org.sae4j.deep.StoredNetwork;
import org.sae4j.model.TrainedModel;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae encode}: hidden activations of new data. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Computes the hidden activations f(W1 x + b1) of every sample, as a float64 NPY array (m, h); of a"
                + " network written by sae deep, the activations of one of its layers (--layer, the top one by"
                + " default), with the network's input scale unless --scale is given.",
                "The data are read in place (--load: into the heap) and the activations written block by block, so"
                        + " neither needs to fit in the heap; the file appears whole or not at all."})
final class EncodeCommand extends Subcommand {
    @Mixin
    private ModelArgument model;

    @Option(names = "--npy", paramLabel = "X.npy", required = true, description = "The data, (m, v), one sample per row.")
    private Path npy;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every value by X first, as the model was trained (e.g. 1/255 for pixel bytes;"
                    + " default: 1).")
    private Double scale;

    @Option(names = "--layer", paramLabel = "L",
            description = "A network's layer to encode to, from 1 (default: its top layer).")
    private Integer layer;

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
        if (NetworkFile.holdsNetwork(model.file)) {
            return encodeWithNetwork(NetworkFile.read(model.file));
        }
        Checks.require(spec, layer == null, "--layer picks a layer of a network (sae deep); " + model.file
                + " is an autoencoder model with one hidden layer");
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
        int block = Math.min(TrainedModel.FEATURE_BLOCK, x.samples());
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

    private Integer encodeWithNetwork(StoredNetwork stored) throws IOException {
        DeepNetwork net = stored.network();
        int depth = net.network().depth();
        int l = layer != null ? layer : depth;
        Checks.require(spec, l >= 1 && l <= depth, "--layer must be a layer of " + model.file + ": 1 to " + depth
                + ", got " + l);
        Dataset read = store.load ? NpyReader.readSamples(npy) : NpyReader.openSamples(npy);
        if (read.features() != net.network().inputs()) {
            throw new DataFileException(npy + ": " + read.features() + " values per sample, but the network "
                    + model.file + " has " + net.network().inputs() + " inputs");
        }
        EvaluationSettings settings = engine.settings(read.features(), net.network().width(1), read.samples());
        double factor = scale != null ? scale : stored.inputScale();
        Dataset x = engine.requireFinite((factor == 1 ? read : read.scaled(factor)).toPrecision(settings.precision()),
                npy + " in " + settings.precision().shortName());
        int h = net.network().width(l);
        int block = Math.min(TrainedModel.FEATURE_BLOCK, x.samples());
        try (NpyWriter.RowWriter rows = NpyWriter.rows(out, ValueType.F64, h)) {
            for (int first = 0; first < x.samples(); first += block) {
                int n = Math.min(block, x.samples() - first);
                Dataset features = net.features(x.range(first, n), l, settings);
                SampleReader r = features.reader(n);
                r.read(0, n);
                if (settings.precision() == Precision.F64) {
                    rows.append(r.doubles(), r.offset(), n);
                } else {
                    rows.append(r.floats(), r.offset(), n);
                }
            }
            rows.commit();
        }
        sae.env().out().println(out);
        sae.env().out().flush();
        return 0;
    }
}
