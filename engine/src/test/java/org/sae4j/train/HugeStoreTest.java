package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyHeaderBytes;
import org.sae4j.data.NpyReader;
import org.sae4j.optim.GradientDescent;
import org.sae4j.precision.Precision;

/**
 * A training set of more than 2³¹ values, in a file larger than this JVM's heap (the surefire execution
 * {@code huge-store} gives it 1 GiB): 2 750 000 images of 784 pixel bytes, 2.16 GB, stored sparse, so it
 * costs no disk. All of it is zero but 2 000 images of random pixels at known places, so the objective
 * over all 2 750 000 has a plain reference: the real images one by one, plus the all-zero image counted
 * as many times as it occurs.
 */
class HugeStoreTest {
    static final int V = 784;
    static final int M = 2_750_000;
    static final int REAL = 2000;
    static final double SCALE = 1 / 255.0;

    @Test
    void aMappedSetOfMoreThan2To31ValuesTrainsAndEvaluatesAsItsReferenceSays(@TempDir Path dir) throws IOException {
        assertTrue((long) V * M > Integer.MAX_VALUE, "more values than one Java array holds");
        Path file = dir.resolve("huge.npy");
        byte[][] real = writeSparse(file);
        long fileBytes = Files.size(file);
        assertTrue(Runtime.getRuntime().maxMemory() < fileBytes, "the heap (" + Runtime.getRuntime().maxMemory()
                + " bytes) must be smaller than the file (" + fileBytes + "): run in the huge-store execution");

        SparseAutoencoderConfig c = new SparseAutoencoderConfig(V, 2, 0.1, 3e-3, 3);
        Dataset data = NpyReader.mapSamples(file).scaled(SCALE).toPrecision(Precision.F32);
        assertEquals(0, data.heapBytes());
        EvaluationSettings s = new EvaluationSettings(new JavaBackend(), 2, EvaluationSettings.AUTO_CHUNK,
                Precision.F32, EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
        double[] theta0 = c.initialParameters(3);
        // one fixed step of gradient descent: two evaluations, each checked against the reference
        double rate = 0.5;
        TrainingResult r = Trainer.of(c, TrainingSpec.defaults()
                .withSettings(s)
                .withOptimizer(GradientDescent.builder().learningRate(rate).backtracking(false).maxIterations(1)
                        .build())
                .withInitialParameters(theta0)).train(data);
        assertEquals(1, r.iterations());
        assertEquals(2, r.evaluations());
        assertTrue(data.bytesRead() >= 2 * 2 * (fileBytes - 128), "two passes an evaluation read the whole file: "
                + data.bytesRead());

        double[] gradient = new double[theta0.length];
        double j0 = WeightedReference.evaluate(c, real, SCALE, M - REAL, theta0, gradient);
        assertEquals(j0, r.costHistory()[0], 1e-5 * j0, "J at the start, over 2.75 M samples");
        double[] theta1 = r.model().theta();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < theta0.length; i++) {
            double step = theta1[i] - theta0[i];
            double expected = -rate * gradient[i];
            diff += (step - expected) * (step - expected);
            norm += expected * expected;
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-4, "the step, −rate·∇J, differs from the reference's by "
                + Math.sqrt(diff / norm));
        double j1 = WeightedReference.evaluate(c, real, SCALE, M - REAL, theta1, new double[theta1.length]);
        assertEquals(j1, r.finalCost(), 1e-5 * j1, "J after the step");
        assertTrue(j1 < j0, "the step lowers J: " + j1 + " vs " + j0);
    }

    /** The header, a sparse body, and {@value #REAL} images of random pixels at samples 1 375·k + 11. */
    private static byte[][] writeSparse(Path file) throws IOException {
        byte[] header = NpyHeaderBytes.of("|u1", M, V);
        SplittableRandom rnd = new SplittableRandom(5);
        byte[][] real = new byte[REAL][V];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(header);
            f.setLength(header.length + (long) M * V);
            for (int k = 0; k < REAL; k++) {
                for (int i = 0; i < V; i++) {
                    real[k][i] = (byte) rnd.nextInt(256);
                }
                f.seek(header.length + (long) sample(k) * V);
                f.write(real[k]);
            }
        }
        return real;
    }

    static int sample(int k) {
        return k * (M / REAL) + 11;
    }
}
