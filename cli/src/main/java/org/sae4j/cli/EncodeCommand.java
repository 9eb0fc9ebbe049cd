package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.Precision;
import org.sae4j.model.ModelFile;
import org.sae4j.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sae encode}: hidden activations of new data. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Computes the hidden activations f(W1 x + b1) of every sample, as a float64 NPY array (m, h).")
final class EncodeCommand implements Callable<Integer> {
    @ParentCommand
    private Sae sae;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by train or demo.")
    private Path model;

    @Option(names = "--npy", paramLabel = "X.npy", required = true, description = "The data, (m, v), one sample per row.")
    private Path npy;

    @Option(names = "--out", paramLabel = "H.npy", required = true, description = "Where to write the activations.")
    private Path out;

    @Mixin
    private EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        engine.check();
        TrainedModel m = ModelFile.read(model).model();
        Dataset x = NpyReader.readSamples(npy);
        if (x.features() != m.config().visible()) {
            throw new DataFileException(npy + ": " + x.features() + " values per sample, but the model " + model
                    + " has " + m.config().visible() + " inputs");
        }
        EvaluationSettings settings = engine.settings(m.config().visible(), m.config().hidden());
        Encoder encoder = m.encoder(settings);
        int h = m.config().hidden();
        double[] activations = new double[h * x.samples()];
        if (settings.precision() == Precision.F64) {
            encoder.encode(x.toPrecision(Precision.F64), activations);
        } else {
            float[] single = new float[activations.length];
            encoder.encode(x.toPrecision(Precision.F32), single);
            for (int i = 0; i < single.length; i++) {
                activations[i] = single[i];
            }
        }
        // h x m column-major is (m, h) in C order: one row of activations per sample
        NpyWriter.writeF64(out, new int[] {x.samples(), h}, activations);
        sae.env().out().println(out);
        sae.env().out().flush();
        return 0;
    }
}
