package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Precision;

class MemoryEstimateTest {

    private static final SparseAutoencoder C = new SparseAutoencoder(784, 1024, 0.1, 3e-3, 3);

    @Test
    void theItemsAddUpFromTheirSizes() {
        EvaluationSettings f64 = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(2);
        MemoryEstimate e = MemoryEstimate.of(C, 60_000, f64, 100);
        long n = C.parameterCount();
        assertEquals(784L * 60_000 * 8, e.items().get(0).bytes(), "the data in f64");
        assertEquals(1024L * 60_000 * 8, e.items().get(1).bytes(), "the activation cache");
        assertTrue(e.items().stream().anyMatch(i -> i.what().startsWith("the L-BFGS history")
                && i.bytes() == 2L * 100 * n * 8), e.items().toString());
        MemoryEstimate f32 = MemoryEstimate.of(C, 60_000, f64.withPrecision(Precision.F32), 100);
        assertEquals(784L * 60_000 * 4, f32.items().get(0).bytes());
        assertTrue(f32.totalBytes() < e.totalBytes());
        MemoryEstimate gd = MemoryEstimate.of(C, 60_000, f64, 0);
        assertTrue(gd.items().stream().noneMatch(i -> i.what().contains("L-BFGS")));
        MemoryEstimate noCache = MemoryEstimate.of(C, 60_000, f64.withActivationCacheBytes(0), 100);
        assertTrue(noCache.items().stream().noneMatch(i -> i.what().contains("cache")));
    }

    @Test
    void aRunTooLargeForTheHeapNamesItsLargestItemsAndTheFixes() {
        EvaluationSettings s = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(2);
        MemoryEstimate e = MemoryEstimate.of(C, 60_000, s, 100);
        e.requireFits(e.totalBytes());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> e.requireFits(e.totalBytes() - 1));
        String m = tooBig.getMessage();
        // n = 2·784·1024 + 1024 + 784 = 1 607 440 parameters; 2·100·n doubles = 2.4 GiB
        assertTrue(m.startsWith("this run needs about 3.3 GiB but the JVM may use"), m);
        assertTrue(m.contains("the L-BFGS history (2 x 100 x 1607440 doubles) 2.4 GiB, the activation cache"), m);
        assertTrue(m.contains("JAVA_OPTS=-Xmx") && m.contains("--history") && m.contains("--precision f32"), m);
    }
}
