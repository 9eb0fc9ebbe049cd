package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.DataFileException;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.PlantedFeatures;
import org.sae4j.data.ValueType;
import org.sae4j.io.Json;
import org.sae4j.model.ModelFile;
import org.sae4j.model.TrainedModel;
import org.sae4j.options.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sae synth}: activations with a known answer, and the score of a dictionary learned on them. */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes synthetic activations with a known answer: each sample is a non-negative combination"
                + " of --active of --features planted unit features in --dimension dimensions (more features than"
                + " dimensions puts them in superposition). DIR/activations.npy holds the samples (m, d) in float32,"
                + " DIR/features.npy the planted features (F, d) in float64, one per row.",
                "With --score MODEL it writes nothing and scores the model's decoder columns (W2) against the"
                        + " planted features instead: the mean over the features of the best cosine similarity"
                        + " with a column (MMCS; 1 is a perfect recovery)."})
final class SynthCommand extends Subcommand {
    static final String ACTIVATIONS = "activations.npy";
    static final String FEATURES = "features.npy";

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "256",
            description = "Values per sample (default: ${DEFAULT-VALUE}).")
    private int dimension;

    @Option(names = "--features", paramLabel = "F", defaultValue = "2048",
            description = "Planted features (default: ${DEFAULT-VALUE}).")
    private int features;

    @Option(names = "--samples", paramLabel = "M", defaultValue = "100000",
            description = "Samples (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--active", paramLabel = "K", defaultValue = "8",
            description = "Features in each sample (default: ${DEFAULT-VALUE}).")
    private int active;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the features, the choices and the magnitudes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sae-synth",
            description = "Folder of the files (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--score", paramLabel = "MODEL",
            description = "Score this model's decoder columns against DIR/" + FEATURES + " (or --planted) instead.")
    private Path score;

    @Option(names = "--planted", paramLabel = "FILE",
            description = "With --score: the planted features (default: DIR/" + FEATURES + ").")
    private Path planted;

    @Option(names = "--json", description = "Print one JSON object with the results on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        if (score != null) {
            return score();
        }
        Checks.require(spec, planted == null, "--planted goes with --score");
        Checks.positive(spec, "--dimension", dimension);
        Checks.positive(spec, "--features", features);
        Checks.positive(spec, "--samples", samples);
        Checks.require(spec, active >= 1 && active <= features, "--active must be in [1, --features = " + features
                + "], got " + active);
        PlantedFeatures set;
        try {
            set = PlantedFeatures.generate(dimension, features, samples, active, seed);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage());
        }
        Files.createDirectories(out);
        Path activations = out.resolve(ACTIVATIONS);
        Path featureFile = out.resolve(FEATURES);
        NpyWriter.writeSamples(activations, set.samples(), ValueType.F32);
        // d x F column-major is (F, d) in C order: one feature per row
        NpyWriter.writeF64(featureFile, new int[] {features, dimension}, set.features());
        PrintWriter o = sae.env().out();
        if (json) {
            o.println(Json.object().put("activations", activations.toString()).put("features", featureFile.toString())
                    .put("samples", samples).put("dimension", dimension).put("planted", features)
                    .put("activePerSample", active).put("seed", seed));
        } else {
            o.printf(Locale.ROOT, "%d samples of %d values, each %d of %d planted unit features (seed %d)%n", samples,
                    dimension, active, features, seed);
            o.println("activations: " + activations);
            o.println("features:    " + featureFile);
        }
        o.flush();
        return 0;
    }

    private Integer score() throws IOException {
        Path file = planted != null ? planted : out.resolve(FEATURES);
        NpyArray array = NpyReader.read(file);
        if (array.rank() != 2 || array.fortranOrder()) {
            throw new DataFileException(file + ": expected the planted features as a 2-D (F, d) array in C order, got"
                    + " shape " + Arrays.toString(array.shape()) + (array.fortranOrder() ? " in Fortran order" : ""));
        }
        int count = array.shape()[0];
        int d = array.shape()[1];
        double[] values = array.values();
        for (int f = 0; f < count; f++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += values[f * d + i] * values[f * d + i];
            }
            if (!(Math.abs(Math.sqrt(norm) - 1) <= 1e-9)) {
                throw new DataFileException(file + ": row " + f + " has length " + Math.sqrt(norm) + "; planted"
                        + " features are unit vectors, one per row (give the " + FEATURES + " sae synth wrote)");
            }
        }
        TrainedModel model = ModelFile.read(score).model();
        SparseAutoencoderConfig c = model.config();
        if (c.visible() != d) {
            throw new DataFileException(score + " reconstructs " + c.visible() + " values, but the planted features in "
                    + file + " have " + d);
        }
        double[] theta = model.theta();
        double[] decoder = Arrays.copyOfRange(theta, c.w2Offset(), c.w2Offset() + c.visible() * c.hidden());
        double mmcs = PlantedFeatures.meanMaxCosine(values, d, count, decoder, c.hidden());
        PrintWriter o = sae.env().out();
        if (json) {
            o.println(Json.object().put("meanMaxCosine", mmcs).put("planted", count).put("columns", c.hidden())
                    .put("model", score.toString()));
        } else {
            o.printf(Locale.ROOT, "MMCS %.4f: %d planted features against the %d decoder columns of %s%n", mmcs, count,
                    c.hidden(), score);
        }
        o.flush();
        return 0;
    }
}
