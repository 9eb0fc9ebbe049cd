package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.ValueType;
import org.sae4j.precision.Precision;

class MemoryEstimateTest {

    private static final SparseAutoencoderConfig C = new SparseAutoencoderConfig(784, 1024, 0.1, 3e-3, 3);
    /** 60 000 samples of 784 f64 values: the estimate reads the shape and store, not the values. */
    private static final Dataset SIXTY_THOUSAND = Dataset.ofDoubles(784, 60_000, new double[784 * 60_000]);

    @Test
    void theItemsAddUpFromTheirSizes() {
        EvaluationSettings f64 = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(2);
        MemoryEstimate e = MemoryEstimate.of(C, SIXTY_THOUSAND, f64, 100, false);
        long n = C.parameterCount();
        assertEquals(784L * 60_000 * 8, e.items().get(0).bytes(), "the data in f64");
        assertEquals(1024L * 60_000 * 8, e.items().get(1).bytes(), "the activation cache");
        assertTrue(e.items().stream().anyMatch(i -> i.what().startsWith("the L-BFGS history")
                && i.bytes() == 2L * 100 * n * 8), e.items().toString());
        MemoryEstimate f32 = MemoryEstimate.of(C, SIXTY_THOUSAND, f64.withPrecision(Precision.F32), 100, false);
        assertEquals(784L * 60_000 * (8 + 4), f32.items().get(0).bytes(), "the f64 data and their f32 copy");
        assertTrue(f32.totalBytes() < e.totalBytes());
        MemoryEstimate gd = MemoryEstimate.of(C, SIXTY_THOUSAND, f64, 0, false);
        assertTrue(gd.items().stream().noneMatch(i -> i.what().contains("L-BFGS")));
        MemoryEstimate noCache = MemoryEstimate.of(C, SIXTY_THOUSAND, f64.withActivationCacheBytes(0), 100, false);
        assertTrue(noCache.items().stream().noneMatch(i -> i.what().contains("cache")));
    }

    @Test
    void compactAndMappedDataCountTheBytesTheyHoldOnTheHeap(@TempDir Path dir) throws IOException {
        EvaluationSettings f32 = EvaluationSettings.of(new JavaBackend(), Precision.F32).withThreads(2);
        Dataset bytes = Dataset.ofBytes(784, 60_000, ValueType.U8, new byte[784 * 60_000], Precision.F64);
        MemoryEstimate heap = MemoryEstimate.of(C, bytes, f32, 10, false);
        assertEquals(784L * 60_000, heap.items().get(0).bytes(), "one byte a pixel, not four or eight");
        assertTrue(heap.items().get(0).what().contains("u8"), heap.items().get(0).what());

        Path file = dir.resolve("x.npy");
        NpyWriter.writeSamples(file, bytes, ValueType.U8);
        MemoryEstimate mapped = MemoryEstimate.of(C, NpyReader.mapSamples(file), f32, 10, false);
        assertEquals(0, mapped.items().get(0).bytes(), "a mapped file is not on the heap");
        assertTrue(mapped.items().get(0).what().contains("mapped from " + file), mapped.items().get(0).what());
        // each worker converts its chunk into a buffer of its own: v x chunk floats and bytes more
        long chunk = 256;
        assertEquals(2 * 784 * chunk * (4 + 1), workers(mapped) - workers(MemoryEstimate.of(C, Dataset.ofFloats(784,
                60_000, new float[784 * 60_000]), f32, 10, false)));
    }

    private static long workers(MemoryEstimate e) {
        return e.items().stream().filter(i -> i.what().endsWith("worker workspaces")).mapToLong(MemoryEstimate.Item::bytes)
                .sum();
    }

    @Test
    void aRunTooLargeForTheHeapNamesItsLargestItemsAndTheFixes() {
        EvaluationSettings s = EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(2);
        MemoryEstimate e = MemoryEstimate.of(C, SIXTY_THOUSAND, s, 100, false);
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
