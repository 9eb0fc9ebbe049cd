package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.io.Json;
import org.sae4j.optim.GradientCheck;
import org.sae4j.options.Checks;
import org.sae4j.options.EngineOptions;
import org.sae4j.options.SparsityOptions;
import org.sae4j.precision.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sae gradcheck}: compares the engine's gradient with central differences. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks the analytic gradient against central differences (2n + 1 evaluations for n"
                + " parameters: keep the problem small).",
                "Exits with 1 when the relative difference exceeds the tolerance."})
final class GradCheckCommand extends Subcommand {
    /** Default tolerances: f32 rounding (about 1e-7 relative) divided by the step 1e-4 dominates in f32. */
    static final double F64_TOLERANCE = 1e-9;
    static final double F32_TOLERANCE = 1e-2;

    @Option(names = "--npy", paramLabel = "X.npy", description = "Data (m, v); default: random data.")
    private Path npy;

    @Option(names = "--visible", paramLabel = "V", defaultValue = "16",
            description = "Random data: values per sample (default: ${DEFAULT-VALUE}).")
    private int visible;

    @Option(names = "--samples", paramLabel = "M", defaultValue = "20",
            description = "Random data: samples (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "5", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random data and parameters (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--tolerance", paramLabel = "TOL",
            description = "Largest accepted relative difference (default: 1e-9 in f64, 1e-2 in f32).")
    private Double tolerance;

    @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "" + GradientCheck.DEFAULT_EPSILON,
            description = "Step of the central differences (default: ${DEFAULT-VALUE}).")
    private double epsilon;

    @Mixin
    private SparsityOptions sparsity;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--json", description = "Print one JSON object {\"relativeDifference\": ..., ...} on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Checks.require(spec, epsilon > 0 && Double.isFinite(epsilon), "--epsilon must be finite and > 0, got " + epsilon);
        if (tolerance != null) {
            Checks.finiteNonNegative(spec, "--tolerance", tolerance);
        }
        engine.check();
        Dataset data = npy != null ? NpyReader.openSamples(npy) : randomData();
        SparseAutoencoderConfig config = sparsity.config(data.features(), hidden);
        EvaluationSettings settings = engine.settings(config.visible(), config.hidden(), data.samples());
        double limit = tolerance != null ? tolerance
                : settings.precision() == Precision.F64 ? F64_TOLERANCE : F32_TOLERANCE;
        GradientCheck.Result result;
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(config,
                data.toPrecision(settings.precision()).requireFinite("the data in " + settings.precision().shortName()),
                settings)) {
            result = GradientCheck.check(f, parameters(config), epsilon, 5);
        }
        boolean passed = result.relativeDifference() <= limit;
        Environment env = sae.env();
        if (json) {
            env.out().println(Json.object()
                    .put("relativeDifference", result.relativeDifference())
                    .put("tolerance", limit)
                    .put("passed", passed)
                    .put("parameters", config.parameterCount())
                    .put("precision", settings.precision().shortName()));
        } else {
            env.out().printf(Locale.ROOT, "relative difference %.3e (tolerance %.1e, %d parameters, %s): %s%n",
                    result.relativeDifference(), limit, config.parameterCount(), settings.precision().shortName(),
                    passed ? "passed" : "FAILED");
            for (GradientCheck.Discrepancy d : result.worst()) {
                env.out().printf(Locale.ROOT, "  theta[%d]: analytic %.12e, numerical %.12e%n", d.index(),
                        d.analytic(), d.numerical());
            }
        }
        env.out().flush();
        if (!passed) {
            env.err().printf(Locale.ROOT, "sae: error: gradient check failed: relative difference %.3e exceeds the"
                    + " tolerance %.1e%n", result.relativeDifference(), limit);
            env.err().flush();
            return 1;
        }
        return 0;
    }

    /** Values in [0.1, 0.9], the range of UFLDL-normalised patches. */
    private Dataset randomData() {
        Checks.positive(spec, "--visible", visible);
        Checks.positive(spec, "--samples", samples);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[Math.multiplyExact(visible, samples)];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 + 0.8 * random.nextDouble();
        }
        return Dataset.ofDoubles(visible, samples, x);
    }

    /** The UFLDL initialisation, with small non-zero biases so that their gradient is checked too. */
    private double[] parameters(SparseAutoencoderConfig config) {
        double[] theta = config.initialParameters(seed);
        SplittableRandom random = new SplittableRandom(~seed);
        for (int i = config.b1Offset(); i < theta.length; i++) {
            theta[i] = 0.2 * random.nextDouble() - 0.1;
        }
        return theta;
    }
}
