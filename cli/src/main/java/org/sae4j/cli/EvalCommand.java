package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.io.Json;
import org.sae4j.model.ThetaFile;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.options.SparsityOptions;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae eval}: J and ∇J at a given θ on given data, e.g. to compare with another implementation. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates the cost J and its gradient at parameters THETA on data X.",
                "THETA is a 1-D NPY array of length 2hv + h + v in the layout [W1(:); W2(:); b1; b2]"
                        + " (matrices column-major); X is an NPY array (m, v), one sample per row, read in place"
                        + " (--load: into the heap). Prints the evaluation's time, and the MB/s it read from X."})
final class EvalCommand extends Subcommand {
    @Option(names = "--theta", paramLabel = "THETA.npy", required = true, description = "The parameters θ.")
    private Path theta;

    @Option(names = "--npy", paramLabel = "X.npy", required = true, description = "The data, (m, v).")
    private Path npy;

    @Option(names = "--hidden", paramLabel = "H",
            description = "Hidden units (default: deduced from the length of THETA).")
    private Integer hidden;

    @Mixin
    private SparsityOptions sparsity;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--grad-out", paramLabel = "G.npy",
            description = "Write ∇J here as a float64 1-D NPY array in the layout of THETA.")
    private Path gradOut;

    @Option(names = "--scale", paramLabel = "X", converter = ScaleConverter.class,
            description = "Multiply every value by X, e.g. 1/255 for pixel bytes (default: 1).")
    private Double scale;

    @Mixin
    private StoreOptions store;

    @Option(names = "--json", description = "Print one JSON object {\"cost\": J, ...} on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException, CommandFailure {
        engine.check();
        Checks.require(spec, scale == null || scale != 0, "--scale must not be 0");
        Dataset read = store.load ? NpyReader.readSamples(npy) : NpyReader.openSamples(npy);
        Dataset x = scale == null ? read : read.scaled(scale);
        ThetaFile.Theta t = ThetaFile.read(theta, x.features(), hidden, npy);
        double[] parameters = t.values();
        SparseAutoencoderConfig config = sparsity.config(x.features(), t.hidden());
        EvaluationSettings settings = engine.settings(config.visible(), config.hidden(), x.samples());
        double[] gradient = new double[parameters.length];
        double cost;
        long nanos;
        long bytes;
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(config,
                engine.requireFinite(x.toPrecision(settings.precision()), npy + " in " + settings.precision().shortName()),
                settings)) {
            long before = x.bytesRead();
            long start = System.nanoTime();
            cost = f.evaluate(parameters, gradient);
            nanos = System.nanoTime() - start;
            bytes = x.bytesRead() - before;
        }
        requireFinite(cost, gradient, settings.precision());
        double seconds = nanos / 1e9;
        boolean mapped = x.mappedFile().isPresent();
        if (gradOut != null) {
            NpyWriter.writeF64(gradOut, new int[] {gradient.length}, gradient);
        }
        Environment env = sae.env();
        if (json) {
            env.out().println(Json.object()
                    .put("cost", cost)
                    .put("visible", config.visible())
                    .put("hidden", config.hidden())
                    .put("samples", x.samples())
                    .put("seconds", seconds)
                    .put("store", TrainCommand.storeText(x))
                    .put("bytesRead", bytes)
                    .put("readMegabytesPerSecond", mapped ? bytes / 1e6 / seconds : Double.NaN)
                    .put("gradient", gradOut == null ? null : gradOut.toString())
                    .put("backend", settings.backend().name())
                    .put("backendChoice", engine.backendChoice().toString())
                    .put("precision", settings.precision().shortName()));
        } else {
            env.out().println("J = " + cost);
            env.out().printf(java.util.Locale.ROOT, "evaluated on %d samples (%s) in %.3f s%s%n", x.samples(),
                    TrainCommand.storeText(x), seconds, mapped ? ", read " + bytes / 1_000_000 + " MB at "
                            + ProgressPrinter.readRate(bytes, java.time.Duration.ofNanos(nanos)) : "");
            if (gradOut != null) {
                env.out().println("gradient: " + gradOut);
            }
        }
        env.out().flush();
        return 0;
    }

    /** A non-finite J or ∇J is a failure, not a result: nothing is written and the exit code is 1. */
    private void requireFinite(double cost, double[] gradient, Precision precision) throws CommandFailure {
        int bad = -1;
        for (int i = 0; i < gradient.length && bad < 0; i++) {
            if (!Double.isFinite(gradient[i])) {
                bad = i;
            }
        }
        if (!Double.isFinite(cost) || bad >= 0) {
            throw new CommandFailure("J = " + cost + (bad >= 0 ? " and the gradient's element " + bad + " is "
                    + gradient[bad] : "") + " at θ from " + theta + " on " + npy + ": the values are too large"
                    + " for the objective in " + precision.shortName()
                    + " (overflow); nothing was written");
        }
    }
}
