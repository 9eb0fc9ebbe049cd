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
import org.sae4j.deep.NetworkObjective;
import org.sae4j.deep.StackedNetwork;
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
                "With --layers it checks a stacked network's fine-tuning gradient instead (sae deep): random labels of"
                        + " --classes classes, weights and biases uniform in (-0.5, 0.5), weight decay --lambda.",
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

    @Option(names = "--layers", paramLabel = "H,H,...", split = ",",
            description = "Check a stacked network of these hidden layers (e.g. 6,5) instead of an autoencoder.")
    private int[] layers;

    @Option(names = "--classes", paramLabel = "K", defaultValue = "3",
            description = "With --layers: the softmax classes (default: ${DEFAULT-VALUE}).")
    private int classes;

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
        EvaluationSettings settings;
        GradientCheck.Result result;
        int parameters;
        if (layers != null) {
            StackedNetwork net = network(data.features());
            settings = engine.settings(net.inputs(), net.width(1), data.samples());
            parameters = net.parameterCount();
            try (NetworkObjective f = new NetworkObjective(net, finite(data, settings), randomLabels(data.samples()),
                    settings)) {
                result = GradientCheck.check(f, parameters(net), epsilon, 5);
            }
        } else {
            SparseAutoencoderConfig config = sparsity.config(data.features(), hidden);
            settings = engine.settings(config.visible(), config.hidden(), data.samples());
            parameters = config.parameterCount();
            try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(config, finite(data, settings),
                    settings)) {
                result = GradientCheck.check(f, parameters(config), epsilon, 5);
            }
        }
        double limit = tolerance != null ? tolerance
                : settings.precision() == Precision.F64 ? F64_TOLERANCE : F32_TOLERANCE;
        boolean passed = result.relativeDifference() <= limit;
        Environment env = sae.env();
        if (json) {
            env.out().println(Json.object()
                    .put("relativeDifference", result.relativeDifference())
                    .put("tolerance", limit)
                    .put("passed", passed)
                    .put("parameters", parameters)
                    .put("precision", settings.precision().shortName()));
        } else {
            env.out().printf(Locale.ROOT, "relative difference %.3e (tolerance %.1e, %d parameters, %s): %s%n",
                    result.relativeDifference(), limit, parameters, settings.precision().shortName(),
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

    private static Dataset finite(Dataset data, EvaluationSettings settings) {
        return data.toPrecision(settings.precision()).requireFinite("the data in " + settings.precision().shortName());
    }

    /** The network of --layers and --classes; a width or class count it refuses is a usage error. */
    private StackedNetwork network(int inputs) {
        for (int w : layers) {
            Checks.require(spec, w >= 1, "--layers: every layer needs at least 1 unit, got " + w);
        }
        Checks.require(spec, classes >= 2, "--classes must be >= 2, got " + classes);
        try {
            return new StackedNetwork(inputs, layers, classes, sparsity.config(inputs, 1).lambda());
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage());
        }
    }

    /** Every class at least once, the rest drawn from the seed. */
    private int[] randomLabels(int m) {
        SplittableRandom random = new SplittableRandom(seed + 7);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = i < classes ? i : random.nextInt(classes);
        }
        return y;
    }

    /** Weights and biases uniform in (-0.5, 0.5), so that no unit saturates. */
    private double[] parameters(StackedNetwork net) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] theta = new double[net.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextDouble() - 0.5;
        }
        return theta;
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
