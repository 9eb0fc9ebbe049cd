package org.sae4j.options;

import java.util.Locale;
import org.sae4j.optim.GradientDescent;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --optimizer --iterations --gradient-tolerance --progress-tolerance --history --learning-rate}. */
public final class OptimizerOptions {
    @Option(names = "--optimizer", paramLabel = "lbfgs|gd", defaultValue = "lbfgs",
            description = "L-BFGS or gradient descent with backtracking (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "400",
            description = "Iteration budget (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--gradient-tolerance", paramLabel = "G", defaultValue = "1e-5",
            description = "Stop once every gradient component is at most G in size (default: ${DEFAULT-VALUE}).")
    private double gradientTolerance;

    @Option(names = "--progress-tolerance", paramLabel = "P", defaultValue = "1e-9",
            description = "Stop once the largest step component or the change in J is at most P; with"
                    + " --gradient-tolerance 0 too, the whole budget runs (default: ${DEFAULT-VALUE}).")
    private double progressTolerance;

    @Option(names = "--history", paramLabel = "M", defaultValue = "" + Lbfgs.DEFAULT_HISTORY,
            description = "L-BFGS correction pairs kept (default: ${DEFAULT-VALUE}).")
    private int history;

    @Option(names = "--learning-rate", paramLabel = "T", defaultValue = "" + GradientDescent.DEFAULT_LEARNING_RATE,
            description = "Gradient descent: the largest step tried (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    /** The iteration budget: for the progress line's ETA. */
    public int iterations() {
        return iterations;
    }

    /** The optimiser; invalid settings are usage errors of {@code spec}'s command. */
    public Optimizer build(CommandSpec spec) {
        Checks.positive(spec, "--iterations", iterations);
        Checks.finiteNonNegative(spec, "--gradient-tolerance", gradientTolerance);
        Checks.finiteNonNegative(spec, "--progress-tolerance", progressTolerance);
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "lbfgs" -> {
                Checks.positive(spec, "--history", history);
                return Lbfgs.builder().history(history).maxIterations(iterations)
                        .gradientTolerance(gradientTolerance).progressTolerance(progressTolerance).build();
            }
            case "gd" -> {
                Checks.require(spec, learningRate > 0 && Double.isFinite(learningRate),
                        "--learning-rate must be finite and > 0, got " + learningRate);
                return GradientDescent.builder().learningRate(learningRate).maxIterations(iterations)
                        .gradientTolerance(gradientTolerance).progressTolerance(progressTolerance).build();
            }
            default -> throw Checks.usage(spec, "--optimizer must be lbfgs or gd, got '" + name + "'");
        }
    }
}
