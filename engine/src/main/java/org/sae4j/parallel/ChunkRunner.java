package org.sae4j.parallel;

import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs numbered chunks of work on a {@link ParallelRuntime}, with one worker slot per thread. Each worker
 * is identified by a slot index in {@code [0, threads)} so that it can own a reusable workspace; a slot is
 * never used by two threads at once. The autoencoder's and the softmax's evaluations run on it.
 *
 * <p>{@link #runOrdered} gives deterministic reductions: chunks are computed in parallel, but their
 * results are committed strictly in chunk order, so floating-point sums come out bitwise identical
 * whatever the thread count. A worker waits for its turn only after computing; equal-sized chunks
 * finish at about the same time, so the waits are short.
 *
 * <p>With one thread or one chunk, work runs on the calling thread with no pool hand-off.
 */
public final class ChunkRunner {

    /** Work on one chunk, done by the worker in slot {@code worker}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int worker, int chunk);
    }

    private final int threads;
    private final ParallelRuntime runtime;

    /** Runs on {@code runtime}'s threads; the runtime's owner closes it. */
    public ChunkRunner(ParallelRuntime runtime) {
        this.runtime = runtime;
        this.threads = runtime.threads();
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} for every chunk in {@code [0, chunks)}, in any order, and waits for all. */
    public void run(int chunks, ChunkTask task) {
        runOrdered(chunks, task, null);
    }

    /**
     * Runs {@code compute} for every chunk in parallel and {@code commit} for every chunk in increasing
     * chunk order, each commit after its own compute, by the same worker slot. Waits for all.
     */
    public void runOrdered(int chunks, ChunkTask compute, ChunkTask commit) {
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            for (int c = 0; c < chunks; c++) {
                compute.run(0, c);
                if (commit != null) {
                    commit.run(0, c);
                }
            }
            return;
        }
        Round round = new Round(chunks, compute, commit);
        runtime.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                RecursiveAction[] tasks = new RecursiveAction[workers];
                for (int w = 0; w < workers; w++) {
                    int slot = w;
                    tasks[w] = new RecursiveAction() {
                        @Override
                        protected void compute() {
                            round.work(slot);
                        }
                    };
                }
                invokeAll(tasks);
            }
        });
        round.rethrowFailure();
    }

    /** The shared state of one call: the next chunk to claim and the next chunk to commit. */
    private static final class Round {
        private final int chunks;
        private final ChunkTask compute;
        private final ChunkTask commit;
        private final AtomicInteger nextClaim = new AtomicInteger();
        private int nextCommit;
        private Throwable failure;

        Round(int chunks, ChunkTask compute, ChunkTask commit) {
            this.chunks = chunks;
            this.compute = compute;
            this.commit = commit;
        }

        void work(int slot) {
            int c;
            while ((c = nextClaim.getAndIncrement()) < chunks) {
                try {
                    compute.run(slot, c);
                    if (commit != null) {
                        if (!awaitTurn(c)) {
                            return;
                        }
                        commit.run(slot, c);
                        finishTurn();
                    }
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
            }
        }

        /** Waits until {@code chunk} may commit; false when another worker failed and the round is over. */
        private synchronized boolean awaitTurn(int chunk) {
            // Every chunk below this one was claimed by a running worker, so the wait ends unless a
            // worker failed.
            boolean interrupted = false;
            while (nextCommit != chunk && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure == null;
        }

        private synchronized void finishTurn() {
            nextCommit++;
            notifyAll();
        }

        private synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
            nextClaim.set(chunks);
            notifyAll();
        }

        synchronized void rethrowFailure() {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
