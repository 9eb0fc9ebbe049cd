package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.precision.Precision;

class SparseAutoencoderConfigTest {

    private static void assertRejected(String expectedFragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedFragment), "message '" + e.getMessage() + "' lacks '" + expectedFragment + "'");
    }

    @Test
    void invalidConfigurationsNameTheBadValue() {
        assertRejected("rho must be in (0, 1), got 1.5", () -> new SparseAutoencoderConfig(4, 2, 1.5, 0, 0));
        assertRejected("rho must be in (0, 1), got 0.0", () -> new SparseAutoencoderConfig(4, 2, 0, 0, 0));
        assertRejected("rho must be in (0, 1), got NaN", () -> new SparseAutoencoderConfig(4, 2, Double.NaN, 0, 0));
        assertRejected("lambda must be finite and >= 0, got -1.0", () -> new SparseAutoencoderConfig(4, 2, 0.1, -1, 0));
        assertRejected("beta must be finite and >= 0, got -0.5", () -> new SparseAutoencoderConfig(4, 2, 0.1, 0, -0.5));
        assertRejected("visible must be >= 1, got 0", () -> new SparseAutoencoderConfig(0, 2, 0.1, 0, 0));
        assertRejected("hidden must be >= 1, got -3", () -> new SparseAutoencoderConfig(4, -3, 0.1, 0, 0));
    }

    @Test
    void invalidEvaluationSettingsAreRejected() {
        EvaluationSettings d = EvaluationSettings.defaults();
        assertRejected("threads must be >= 1, got 0", () -> d.withThreads(0));
        assertRejected("chunk size must be >= 1, or AUTO_CHUNK, got -1", () -> d.withChunkSize(-1));
    }

    @Test
    void mismatchedDataDimensionsAreRejected() {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(4, 2, 0.1, 0, 0);
        Dataset data = Dataset.ofDoubles(3, 2, new double[6]);
        assertRejected("the data has 3 features per sample but the autoencoder has visible = 4",
                () -> new SparseAutoencoderObjective(c, data, EvaluationSettings.defaults()));
        Dataset ok = Dataset.ofDoubles(4, 2, new double[8]);
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(c, ok,
                EvaluationSettings.of(new JavaBackend(), Precision.F64))) {
            assertRejected("theta must have length 2hv + h + v = 22", () -> f.evaluate(new double[21], new double[22]));
            assertRejected("gradient must have length", () -> f.evaluate(new double[22], new double[2]));
        }
        assertRejected("needs 8 values, the array has 7", () -> Dataset.ofDoubles(4, 2, new double[7]));
        assertRejected("dataset is empty", () -> Dataset.ofDoubles(4, 0, new double[0]));
    }

    @Test
    void layoutAndInitialisationFollowUfldl() {
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(64, 25, 0.01, 1e-4, 3);
        assertEquals(2 * 64 * 25 + 64 + 25, c.parameterCount());
        assertEquals(1600, c.w2Offset());
        assertEquals(3200, c.b1Offset());
        assertEquals(3225, c.b2Offset());
        double[] theta = c.initialParameters(7);
        double r = Math.sqrt(6) / Math.sqrt(64 + 25 + 1);
        double max = 0;
        for (int i = 0; i < c.b1Offset(); i++) {
            assertTrue(Math.abs(theta[i]) < r, "weight " + i + " outside (-r, r)");
            max = Math.max(max, Math.abs(theta[i]));
        }
        assertTrue(max > 0.9 * r, "weights should fill (-r, r), max |w| = " + max);
        for (int i = c.b1Offset(); i < theta.length; i++) {
            assertEquals(0.0, theta[i], "biases start at zero");
        }
        assertArrayEquals(theta, c.initialParameters(7), 0.0, "same seed, same theta");
        assertTrue(theta[0] != c.initialParameters(8)[0], "another seed, another theta");
    }
}
