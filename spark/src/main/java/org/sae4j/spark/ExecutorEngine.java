package org.sae4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sae4j.autoencoder.BlockSums;
import org.sae4j.parallel.ParallelRuntime;

/**
 * The engine of one executor JVM: one {@link ParallelRuntime} of the spec's threads, and one
 * {@link BlockSums} per cached block, built the first time a task meets the block and reused by every
 * later evaluation (its workspaces and activation cache included). A block that Spark recomputed or
 * read back from disk is a new object and gets a new engine.
 *
 * <p>Concurrent tasks are safe: each block's engine is used under its own lock (speculative copies of
 * a task wait for each other), and the runtime's pool serves several blocks at once.
 */
final class ExecutorEngine {
    private static final Map<Key, Entry> BLOCKS = new ConcurrentHashMap<>();
    private static final Map<Integer, ParallelRuntime> RUNTIMES = new ConcurrentHashMap<>();

    private record Key(EngineSpec spec, int block) {
    }

    private record Entry(SampleBlock block, BlockSums sums) {
    }

    private ExecutorEngine() {
    }

    /** Runs {@code work} on the engine of {@code block}, made for {@code spec} on first use. */
    static <T> T with(EngineSpec spec, SampleBlock block, Work<T> work) {
        Key key = new Key(spec, block.index());
        Entry entry = BLOCKS.compute(key, (k, old) -> old != null && old.block() == block ? old
                : new Entry(block, new BlockSums(spec.config(), block.dataset(), spec.settings(), runtime(spec),
                        spec.passes() == Passes.ONE)));
        synchronized (entry.sums()) {
            return work.on(entry.sums());
        }
    }

    /** Forgets the engines of one run, so that their memory can go. */
    static void release(EngineSpec spec) {
        BLOCKS.keySet().removeIf(k -> k.spec().equals(spec));
    }

    private static ParallelRuntime runtime(EngineSpec spec) {
        return RUNTIMES.computeIfAbsent(spec.threads(), ParallelRuntime::create);
    }

    @FunctionalInterface
    interface Work<T> {
        T on(BlockSums sums);
    }
}
