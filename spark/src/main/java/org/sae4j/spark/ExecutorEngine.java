package org.sae4j.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.sae4j.autoencoder.BlockSums;
import org.sae4j.autoencoder.ChunkWorkspaces;
import org.sae4j.parallel.ParallelRuntime;

/**
 * The engine of one executor JVM, per run: one {@link ParallelRuntime} of the spec's threads; the
 * workspaces of the task slots (one set per task running at once, made on first need and reused by every
 * block and evaluation after); and per block it evaluated its {@link BlockSums}, which holds the block's
 * chunk sums, a reference to the block's samples (also in Spark's storage where the block is cached
 * here; a copy where the task ran elsewhere) and, while the executor's budget lasts, the block's
 * activation cache. A block that Spark recomputed or read back from disk is a new object and gets a new
 * engine. The run's end ({@link SparkObjective#close}) drops all of it on the executors its release
 * tasks reach; a run that has not been used for {@value #IDLE_SECONDS} s is dropped by the next call of
 * another run, so an executor the release missed holds nothing for long.
 *
 * <p>Concurrent tasks are safe: a task borrows a set of workspaces for each block it evaluates, each
 * block's engine is used under its own lock (speculative copies of a task wait for each other), and the
 * runtime's pool serves several tasks at once.
 */
final class ExecutorEngine {
    private static final Map<Key, Entry> BLOCKS = new ConcurrentHashMap<>();
    private static final Map<EngineSpec, Run> RUNS = new ConcurrentHashMap<>();
    /** A run idle this long has ended: evaluations of a live run come seconds apart at most. */
    static final long IDLE_SECONDS = 120;

    private record Key(EngineSpec spec, int block) {
    }

    private record Entry(SampleBlock block, BlockSums sums, long cacheBytes) {
    }

    /** One run's threads, free workspaces and the activation cache bytes granted so far. */
    private record Run(ParallelRuntime runtime, Queue<ChunkWorkspaces> free, AtomicLong cached,
                       AtomicLong workspaces, AtomicLong lastUsed) {
    }

    private ExecutorEngine() {
    }

    /**
     * Runs {@code work} on the engine of {@code block}, made for {@code spec} on first use, in workspaces
     * borrowed from the task slots' for the time of the call.
     *
     * @throws IllegalStateException if this JVM's backend runs another kernel than the driver's
     */
    static <T> T with(EngineSpec spec, SampleBlock block, Work<T> work) {
        long now = System.nanoTime();
        Run run = RUNS.computeIfAbsent(spec, s -> new Run(ParallelRuntime.create(s.threads()),
                new ConcurrentLinkedQueue<>(), new AtomicLong(), new AtomicLong(), new AtomicLong(now)));
        run.lastUsed().set(now);
        RUNS.forEach((other, r) -> {
            if (!other.equals(spec) && now - r.lastUsed().get() > IDLE_SECONDS * 1_000_000_000L) {
                release(other);
            }
        });
        ChunkWorkspaces slot = run.free().poll();
        if (slot == null) {
            slot = ChunkWorkspaces.of(spec.config(), spec.precision(), spec.threads(), spec.chunkCapacity(),
                    spec.passes() == Passes.ONE);
            run.workspaces().incrementAndGet();
        }
        try {
            ChunkWorkspaces lent = slot;
            Entry entry = BLOCKS.compute(new Key(spec, block.index()), (k, old) -> {
                if (old != null && old.block() == block) {
                    return old;
                }
                long freed = old != null ? old.cacheBytes() : 0;
                run.cached().addAndGet(-freed);
                try {
                    return engine(spec, run, block, lent);
                } catch (RuntimeException | Error e) {
                    run.cached().addAndGet(freed);
                    throw e;
                }
            });
            synchronized (entry.sums()) {
                entry.sums().use(slot);
                return work.on(entry.sums());
            }
        } finally {
            run.free().offer(slot);
        }
    }

    /** A block's engine, with its activation cache if the executor's budget still has room for it. */
    private static Entry engine(EngineSpec spec, Run run, SampleBlock block, ChunkWorkspaces slot) {
        long wanted = spec.passes() == Passes.ONE ? 0 : spec.cacheBytes(block.samples());
        long granted = 0;
        if (wanted > 0 && run.cached().addAndGet(wanted) <= spec.activationCacheBudget()) {
            granted = wanted;
        } else if (wanted > 0) {
            run.cached().addAndGet(-wanted);
        }
        try {
            BlockSums sums = new BlockSums(spec.config(), block.dataset(), spec.settings(granted), run.runtime(),
                    spec.passes() == Passes.ONE, slot);
            return new Entry(block, sums, granted);
        } catch (RuntimeException | Error e) {
            run.cached().addAndGet(-granted);
            throw e;
        }
    }

    /** Forgets the engines of one run and closes its threads, so that their memory can go. */
    static void release(EngineSpec spec) {
        BLOCKS.keySet().removeIf(k -> k.spec().equals(spec));
        Run run = RUNS.remove(spec);
        if (run != null) {
            run.runtime().close();
        }
    }

    /** What this JVM holds for {@code spec}: blocks' engines, sets of workspaces, activation cache bytes. */
    static long[] held(EngineSpec spec) {
        Run run = RUNS.get(spec);
        long blocks = BLOCKS.keySet().stream().filter(k -> k.spec().equals(spec)).count();
        return run == null ? new long[] {blocks, 0, 0} : new long[] {blocks, run.workspaces().get(), run.cached().get()};
    }

    @FunctionalInterface
    interface Work<T> {
        T on(BlockSums sums);
    }
}
