package org.sae4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.data.Dataset;
import org.sae4j.data.Precision;

/**
 * One objective evaluation (J and ∇J), backend against backend in one JVM, rounds alternating, for the
 * same reason as {@link GemmHeadToHead}: this machine drifts too much between separate runs to compare
 * them. Prints the best time per backend after the warm-up rounds and its ratio to the last one named.
 *
 * <p>Usage: {@code OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector
 * -XX:+UseTransparentHugePages -cp bench/target/benchmarks.jar org.sae4j.bench.EvaluationHeadToHead
 * SHAPE PRECISION THREADS ROUNDS BACKENDS}, for example {@code B f64 2 12 java,native}.
 */
public final class EvaluationHeadToHead {
    private static final int WARMUP_ROUNDS = 4;

    private EvaluationHeadToHead() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: EvaluationHeadToHead SHAPE(A|B|C) PRECISION(f64|f32) THREADS ROUNDS"
                    + " BACKENDS(comma list, the last is the reference)");
            System.exit(2);
        }
        Shape shape = Shape.valueOf(args[0]);
        Precision precision = Precision.parse(args[1]);
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<String> names = Arrays.asList(args[4].split(","));
        report(shape.visible, shape.hidden, shape.samples, precision, threads, rounds, names)
                .forEach(System.out::println);
    }

    /** Runs the protocol and returns one line per backend. */
    static List<String> report(int visible, int hidden, int samples, Precision precision, int threads, int rounds,
                               List<String> names) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[visible * samples];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(0.1, 0.9);
        }
        SparseAutoencoder config = new SparseAutoencoder(visible, hidden, 0.1, 3e-3, 3);
        List<SparseAutoencoderObjective> objectives = new ArrayList<>();
        try {
            for (String name : names) {
                EvaluationSettings settings = EvaluationSettings.defaults().withBackend(Backends.byName(name))
                        .withThreads(threads).withPrecision(precision);
                objectives.add(new SparseAutoencoderObjective(config, Dataset.ofFloats(visible, samples, x), settings));
            }
            double[] theta = config.initialParameters(1);
            double[] gradient = new double[theta.length];
            double[] best = new double[names.size()];
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                for (int b = 0; b < names.size(); b++) {
                    long start = System.nanoTime();
                    objectives.get(b).evaluate(theta, gradient);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (round >= WARMUP_ROUNDS) {
                        best[b] = Math.min(best[b], seconds);
                    }
                }
            }
            List<String> lines = new ArrayList<>();
            int reference = names.size() - 1;
            for (int b = 0; b < names.size(); b++) {
                lines.add(String.format(Locale.ROOT, "%dx%dx%d %s threads=%d %s: %.2f ms/eval, %.3f x %s",
                        visible, hidden, samples, precision.shortName(), threads, names.get(b), best[b] * 1e3,
                        best[b] / best[reference], names.get(reference)));
            }
            return lines;
        } finally {
            objectives.forEach(SparseAutoencoderObjective::close);
        }
    }
}
