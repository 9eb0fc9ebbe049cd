package org.sae4j.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times a {@link GemmWorkload} on several backends, the same way for each: the backends take turns,
 * one pass over the workload each, first to warm up (so that the JIT has compiled the pure-Java
 * kernels before they are timed: a cold timing favours native code), then timed. A backend's speed is
 * its best timed pass.
 */
public final class BackendCalibration {

    /** The whole measurement, warm-up included, stays near this unless one pass alone is longer. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);

    private static final double WARM_UP_SHARE = 0.45;
    private static final int MIN_WARM_UP_ROUNDS = 2;
    private static final int MIN_TIMED_ROUNDS = 2;

    /** One backend's measured speed. */
    public record Measurement(String backend, double gflops, int timedPasses) {
    }

    private BackendCalibration() {
    }

    /** Measures every backend on {@code workload}; results in the order of {@code backends}. */
    public static List<Measurement> measure(GemmWorkload workload, List<MatrixBackend> backends, Duration budget) {
        if (backends.isEmpty()) {
            return List.of();
        }
        GemmWorkload.Operands operands = workload.operands();
        long budgetNanos = budget.toNanos();
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            long elapsed = System.nanoTime() - start;
            if (round >= MIN_WARM_UP_ROUNDS && elapsed >= WARM_UP_SHARE * budgetNanos) {
                break;
            }
            for (MatrixBackend backend : backends) {
                operands.run(backend);
            }
        }
        long[] best = new long[backends.size()];
        Arrays.fill(best, Long.MAX_VALUE);
        int rounds = 0;
        while (rounds < MIN_TIMED_ROUNDS || System.nanoTime() - start < budgetNanos) {
            for (int i = 0; i < backends.size(); i++) {
                long t0 = System.nanoTime();
                operands.run(backends.get(i));
                best[i] = Math.min(best[i], System.nanoTime() - t0);
            }
            rounds++;
        }
        List<Measurement> results = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            results.add(new Measurement(backends.get(i).name(), workload.flops() / Math.max(1, best[i]), rounds));
        }
        return results;
    }
}
