package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;

/** Small data sets and files for the command tests. */
final class TestData {
    private TestData() {
    }

    /** m samples of v values in [0.1, 0.9], column-major (one sample per column). */
    static Dataset samples(int v, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 + 0.8 * r.nextDouble();
        }
        return Dataset.ofDoubles(v, m, x);
    }

    /** Writes {@code data} as an f64 NPY array (m, v), one sample per row. */
    static Path writeNpy(Path file, Dataset data) throws IOException {
        NpyWriter.writeSamples(file, data, ValueType.F64);
        return file;
    }

    /** A θ of the right length with every entry different and non-zero, so layout mistakes show. */
    static double[] distinctTheta(int v, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[2 * h * v + h + v];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (i + 1) * 1e-3 * (r.nextBoolean() ? 1 : -1) + 1e-6 * r.nextDouble();
        }
        return theta;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
