package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.SharedData;
import org.sae4j.precision.Precision;

/** J and ∇J on the real UFLDL patches: thread counts agree bitwise, and the reference agrees to 1e-12. */
class RealPatchesTest {
    @Test
    void engineAgreesWithReferenceAndAcrossThreadCounts() throws IOException {
        Dataset patches = NpyReader.readSamples(SharedData.file("data/ufldl/patches_10000_seed0.npy"));
        assertEquals(64, patches.features());
        assertEquals(10_000, patches.samples());
        SparseAutoencoderConfig c = SparseAutoencoderConfig.ufldl(64, 25);
        double[] theta = c.initialParameters(2026);
        Dataset f64 = patches.toPrecision(Precision.F64);
        double[] expected = new double[theta.length];
        double cost = ReferenceObjective.evaluate(c, f64, theta, expected);

        double[] first = null;
        double firstCost = 0;
        for (int threads : new int[] {1, 2, 3}) {
            EvaluationSettings s = EvaluationSettings.of(new JavaBackend(), Precision.F64)
                    .withThreads(threads).withChunkSize(1000);
            try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, f64, s)) {
                double[] grad = new double[theta.length];
                double j = f.evaluate(theta, grad);
                assertEquals(cost, j, 1e-12 * cost, "threads=" + threads);
                assertTrue(ObjectiveSuite.relativeDifference(grad, expected) < 1e-12,
                        "threads=" + threads + ": " + ObjectiveSuite.relativeDifference(grad, expected));
                if (first == null) {
                    first = grad;
                    firstCost = j;
                } else {
                    assertEquals(Double.doubleToRawLongBits(firstCost), Double.doubleToRawLongBits(j));
                    assertArrayEquals(first, grad, 0.0);
                }
            }
        }
    }
}
