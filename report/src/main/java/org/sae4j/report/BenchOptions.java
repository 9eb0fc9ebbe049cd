package org.sae4j.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sae4j.precision.Precision;

/**
 * What the report measures.
 *
 * @param shapes       problems to run
 * @param precisions   f64 and/or f32
 * @param backends     backend names (those not available here are reported and skipped)
 * @param threadCounts engine threads, one row per count (and per count one OpenBLAS bound)
 * @param chunks       the engine's chunk sizes, one row per size; {@code EvaluationSettings.AUTO_CHUNK} for the
 *                     shape's default
 * @param outDir       where the Markdown, CSV and PNG files go
 */
public record BenchOptions(List<ProblemShape> shapes, List<Precision> precisions, List<String> backends,
                           List<Integer> threadCounts, List<Integer> chunks, Path outDir) {

    public BenchOptions {
        shapes = List.copyOf(shapes);
        precisions = List.copyOf(precisions);
        backends = List.copyOf(backends);
        threadCounts = List.copyOf(threadCounts);
        chunks = List.copyOf(chunks);
        if (shapes.isEmpty() || precisions.isEmpty() || backends.isEmpty() || threadCounts.isEmpty()
                || chunks.isEmpty()) {
            throw new IllegalArgumentException("bench: shapes, precisions, backends, threads and chunks must not be"
                    + " empty");
        }
        for (int c : chunks) {
            if (c < 0) {
                throw new IllegalArgumentException("bench: a chunk size is >= 1, or 0 for the default, got " + c);
            }
        }
        for (int t : threadCounts) {
            if (t < 1) {
                throw new IllegalArgumentException("bench: threads must be >= 1, got " + t);
            }
        }
    }

    /** 1, 2, 4, … up to and including {@code cores}: the thread-scaling series. */
    public static List<Integer> scalingSeries(int cores) {
        List<Integer> list = new ArrayList<>();
        for (int t = 1; t < cores; t *= 2) {
            list.add(t);
        }
        list.add(cores);
        return list;
    }
}
