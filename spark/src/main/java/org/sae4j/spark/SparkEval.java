package org.sae4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.DataFileException;
import org.sae4j.data.NpyWriter;
import org.sae4j.io.Json;
import org.sae4j.model.ThetaFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code SparkEval --theta THETA.npy --npy X ...}: J and ∇J at θ, evaluated on Spark; with {@code --json}
 * it prints the object {@code sae eval --json} prints.
 */
@Command(name = "SparkEval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates the cost J and its gradient at THETA on data X, on Spark.")
public final class SparkEval implements Callable<Integer> {
    @Mixin
    private SparkOptions options;

    @Option(names = "--theta", paramLabel = "THETA.npy", required = true,
            description = "The parameters θ, a local 1-D NPY array in the layout [W1(:); W2(:); b1; b2].")
    private Path theta;

    @Option(names = "--hidden", paramLabel = "H", description = "Hidden units (default: from the length of THETA).")
    private Integer hidden;

    @Option(names = "--grad-out", paramLabel = "G.npy", description = "Write ∇J here (local float64 1-D NPY).")
    private Path gradOut;

    private PrintWriter stdout = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command in the caller's Spark session if there is one (which it leaves running), else in
     * one of its own; returns the exit code (0, 1 when the work failed, 2 for a usage error) and never
     * exits the JVM.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SparkEval command = new SparkEval();
        command.stdout = out;
        return Commands.execute(command, args, out, err);
    }

    @Override
    public Integer call() throws IOException {
        options.check();
        try (SparkSessions session = options.join("sae4j SparkEval")) {
            JavaSparkContext spark = session.context();
            JavaRDD<SampleBlock> blocks = NpyParts.read(spark, options.npy, options.precision(), options.block,
                    options.partitions());
            int visible = blocks.first().features();
            ThetaFile.Theta t = ThetaFile.read(theta, visible, hidden, options.npy);
            double[] parameters = t.values();
            SparseAutoencoderConfig config = options.config(visible, t.hidden());
            int threads = options.executorThreads(spark);
            EvaluationSettings settings = options.settings(config, threads);
            double[] gradient = new double[parameters.length];
            double cost;
            long samples;
            try (SparkObjective f = new SparkObjective(spark, blocks, config, settings, threads,
                    options.passes())) {
                cost = f.evaluate(parameters, gradient);
                samples = f.samples();
            }
            for (int i = 0; i < gradient.length; i++) {
                if (!Double.isFinite(gradient[i]) || !Double.isFinite(cost)) {
                    throw new DataFileException("J = " + cost + " and the gradient's element " + i + " is "
                            + gradient[i] + " at θ from " + theta + ": the values are too large for the objective"
                            + " (overflow); nothing was written");
                }
            }
            if (gradOut != null) {
                NpyWriter.writeF64(gradOut, new int[] {gradient.length}, gradient);
            }
            if (options.json) {
                stdout.println(Json.object()
                        .put("cost", cost)
                        .put("visible", config.visible())
                        .put("hidden", config.hidden())
                        .put("samples", samples)
                        .put("gradient", gradOut == null ? null : gradOut.toString())
                        .put("backend", settings.backend().name())
                        .put("backendChoice", options.engine.backendChoice().toString())
                        .put("precision", settings.precision().shortName()));
            } else {
                stdout.println("J = " + cost);
            }
            stdout.flush();
            return 0;
        }
    }
}
