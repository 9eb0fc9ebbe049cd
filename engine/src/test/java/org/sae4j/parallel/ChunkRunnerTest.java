package org.sae4j.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordered commits, whole or in slices: every slice sees the chunks in order, whatever the threads. */
class ChunkRunnerTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void everySliceCommitsTheChunksInOrderAfterTheirCompute(int threads) {
        int chunks = 37;
        int slices = 4;
        List<List<Integer>> order = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            order.add(new ArrayList<>());
        }
        boolean[] computed = new boolean[chunks];
        AtomicInteger inSlice0 = new AtomicInteger();
        try (ParallelRuntime runtime = ParallelRuntime.create(threads)) {
            new ChunkRunner(runtime).runOrdered(chunks, (worker, chunk) -> {
                // uneven work, so that chunks finish out of order
                long spin = System.nanoTime() + (chunk % 3) * 200_000L;
                while (System.nanoTime() < spin) {
                    Thread.onSpinWait();
                }
                computed[chunk] = true;
            }, slices, (worker, chunk, slice) -> {
                assertTrue(computed[chunk], "chunk " + chunk + " commits after its compute");
                if (slice == 0) {
                    assertEquals(1, inSlice0.incrementAndGet(), "one commit of a slice at a time");
                }
                order.get(slice).add(chunk);
                if (slice == 0) {
                    inSlice0.decrementAndGet();
                }
            });
        }
        List<Integer> expected = IntStream.range(0, chunks).boxed().toList();
        for (int s = 0; s < slices; s++) {
            assertEquals(expected, order.get(s), "slice " + s);
        }
    }

    @Test
    void slicedSumsAreBitwiseTheUnslicedOnes() {
        int chunks = 50;
        int n = 1000;
        double[][] parts = new double[chunks][n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (double[] p : parts) {
            for (int i = 0; i < n; i++) {
                p[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(12));
            }
        }
        double[] whole = new double[n];
        for (double[] p : parts) {
            for (int i = 0; i < n; i++) {
                whole[i] += p[i];
            }
        }
        for (int slices : new int[] {1, 3, 7}) {
            double[] sliced = new double[n];
            try (ParallelRuntime runtime = ParallelRuntime.create(3)) {
                new ChunkRunner(runtime).runOrdered(chunks, (worker, chunk) -> { }, slices, (worker, chunk, s) -> {
                    for (int i = n * s / slices; i < n * (s + 1) / slices; i++) {
                        sliced[i] += parts[chunk][i];
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(whole[i]), Double.doubleToRawLongBits(sliced[i]),
                        slices + " slices, element " + i);
            }
        }
    }

    @Test
    void aFailingCommitEndsTheRoundWithItsException() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (ParallelRuntime runtime = ParallelRuntime.create(3)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                    new ChunkRunner(runtime).runOrdered(40, (worker, chunk) -> { }, 3, (worker, chunk, slice) -> {
                        if (chunk == 11 && slice == 1) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
        }
    }
}
