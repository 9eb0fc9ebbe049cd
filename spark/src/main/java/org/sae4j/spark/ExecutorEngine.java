package org.sae4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sae4j.autoencoder.BlockSums;
import org.sae4j.parallel.ParallelRuntime;

/**
 * The engine of one executor JVM: per run, one {@link ParallelRuntime} of the spec's threads, and one
 * {@link BlockSums} per cached block, built the first time a task meets the block and reused by every
 * later evaluation (its workspaces and activation cache included). A block that Spark recomputed or
 * read back from disk is a new object and gets a new engine. The run's end
 * ({@link SparkObjective#close}) drops its engines and closes its runtime on every executor.
 *
 * <p>Concurrent tasks are safe: each block's engine is used under its own lock (speculative copies of
 * a task wait for each other), and the runtime's pool serves several blocks at once.
 */
final class ExecutorEngine {
    private static final Map<Key, Entry> BLOCKS = new ConcurrentHashMap<>();
    private static final Map<EngineSpec, ParallelRuntime> RUNTIMES = new ConcurrentHashMap<>();

    private record Key(EngineSpec spec, int block) {
    }

    private record Entry(SampleBlock block, BlockSums sums) {
    }

    private ExecutorEngine() {
    }

    /**
     * Runs {@code work} on the engine of {@code block}, made for {@code spec} on first use.
     *
     * @throws IllegalStateException if this JVM's backend runs another kernel than the driver's
     */
    static <T> T with(EngineSpec spec, SampleBlock block, Work<T> work) {
        Key key = new Key(spec, block.index());
        Entry entry = BLOCKS.compute(key, (k, old) -> old != null && old.block() == block ? old
                : new Entry(block, new BlockSums(spec.config(), block.dataset(), spec.settings(), runtime(spec),
                        spec.passes() == Passes.ONE)));
        synchronized (entry.sums()) {
            return work.on(entry.sums());
        }
    }

    /** Forgets the engines of one run and closes its threads, so that their memory can go. */
    static void release(EngineSpec spec) {
        BLOCKS.keySet().removeIf(k -> k.spec().equals(spec));
        ParallelRuntime runtime = RUNTIMES.remove(spec);
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The engines this JVM holds now, for tests. */
    static int engines() {
        return BLOCKS.size() + RUNTIMES.size();
    }

    private static ParallelRuntime runtime(EngineSpec spec) {
        return RUNTIMES.computeIfAbsent(spec, s -> ParallelRuntime.create(s.threads()));
    }

    @FunctionalInterface
    interface Work<T> {
        T on(BlockSums sums);
    }
}
