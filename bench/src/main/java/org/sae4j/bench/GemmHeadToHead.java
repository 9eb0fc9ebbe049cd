package org.sae4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.precision.Precision;
import org.sae4j.report.Products;
import org.sae4j.report.Shape;

/**
 * The five products of one evaluation, single thread, backend against backend in one JVM, rounds
 * alternating: on a shared machine whose speed drifts by 15–30% between minutes, separate JMH forks
 * measure different periods, while alternating rounds expose every backend to the same ones. Prints
 * GFLOP/s per product (best round) and each backend's ratio to the last one named.
 *
 * <p>Usage: {@code OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector
 * -XX:+UseTransparentHugePages -cp bench/target/benchmarks.jar org.sae4j.bench.GemmHeadToHead
 * SHAPE PRECISION ROUNDS BACKENDS [SAMPLES]}, for example {@code B f64 8 java,java-scalar,native}.
 */
public final class GemmHeadToHead {
    private GemmHeadToHead() {
    }

    private static final String USAGE = "usage: GemmHeadToHead SHAPE(A|B|C) PRECISION(f64|f32) ROUNDS"
            + " BACKENDS(comma list, the last is the reference) [SAMPLES, default 10000]";

    public static void main(String[] args) {
        if (args.length < 4 || args.length > 5) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            Shape shape = shape(args[0]);
            boolean single = Precision.parse(args[1]) == Precision.F32;
            int rounds = Integer.parseInt(args[2]);
            List<String> names = Arrays.asList(args[3].split(","));
            int samples = args.length == 5 ? Integer.parseInt(args[4]) : 10_000;
            report(shape, single, rounds, names, samples).forEach(System.out::println);
        } catch (IllegalArgumentException e) {
            System.err.println("GemmHeadToHead: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    private static Shape shape(String name) {
        try {
            return Shape.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shape must be A, B or C, got '" + name + "'", e);
        }
    }

    /** Runs the protocol and returns the report: a title line, then a Markdown table. */
    static List<String> report(Shape shape, boolean single, int rounds, List<String> names, int samples) {
        List<String> out = new ArrayList<>();
        List<MatrixBackend> backends = new ArrayList<>();
        for (String name : names) {
            backends.add(Backends.byName(name));
        }
        Products products = new Products(shape.visible, shape.hidden, samples, single);
        int count = Products.NAMES.size();
        double[][] best = new double[backends.size()][count + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int round = 0; round < rounds; round++) {
            for (int bi = 0; bi < backends.size(); bi++) {
                double total = 0;
                for (int product = 0; product < count; product++) {
                    long start = System.nanoTime();
                    products.run(backends.get(bi), product);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    best[bi][product] = Math.min(best[bi][product], seconds);
                    total += seconds;
                }
                best[bi][count] = Math.min(best[bi][count], total);
            }
        }
        out.add(String.format(Locale.ROOT, "shape %s (v=%d, h=%d, m=%d) %s, 1 thread, best of %d alternating"
                + " rounds, GFLOP/s (ratio to %s)", shape, shape.visible, shape.hidden, samples, single ? "f32" : "f64",
                rounds, names.get(names.size() - 1)));
        StringBuilder header = new StringBuilder("| product |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String name : names) {
            header.append(' ').append(name).append(" |");
            rule.append("---|");
        }
        out.add(header.toString());
        out.add(rule.toString());
        int reference = backends.size() - 1;
        for (int product = 0; product <= count; product++) {
            double flops = products.flopsPerProduct() * (product == count ? count : 1);
            StringBuilder line = new StringBuilder("| ")
                    .append(product == count ? "all five" : Products.NAMES.get(product)).append(" |");
            for (int bi = 0; bi < backends.size(); bi++) {
                line.append(String.format(Locale.ROOT, " %.1f (%.2f) |", flops / best[bi][product] / 1e9,
                        best[reference][product] / best[bi][product]));
            }
            out.add(line.toString());
        }
        return out;
    }
}
