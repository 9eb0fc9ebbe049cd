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
 * finish at about the same time, so the waits are short. A commit may be cut into slices that touch
 * disjoint parts of the total: each slice then keeps its own turn, so chunk c commits slice 1 while
 * chunk c + 1 commits slice 0. Every element still receives the chunks in increasing order (the same
 * bits for any number of slices), but the commits no longer form one serial queue.
 *
 * <p>With one thread or one chunk, work runs on the calling thread with no pool hand-off.
 */
public final class ChunkRunner {

    /** Work on one chunk, done by the worker in slot {@code worker}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int worker, int chunk);
    }

    /** Part {@code slice} of the commit of chunk {@code chunk}, by the worker that computed it. */
    @FunctionalInterface
    public interface SliceTask {
        void run(int worker, int chunk, int slice);
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
     * Runs {@code body} for every index in {@code [0, n)}, in ranges of about {@code grain} indices spread
     * over the workers, and waits for all: for loops whose iterations are independent, so that the
     * result is the same on any thread count.
     */
    public void forEach(int n, int grain, java.util.function.IntConsumer body) {
        if (n < 1) {
            return;
        }
        Chunks ranges = Chunks.of(n, Math.max(1, grain));
        run(ranges.count(), (worker, c) -> {
            for (int i = ranges.first(c), end = ranges.first(c + 1); i < end; i++) {
                body.accept(i);
            }
        });
    }

    /**
     * Runs {@code compute} for every chunk in parallel and {@code commit} for every chunk in increasing
     * chunk order, each commit after its own compute, by the same worker slot. Waits for all.
     */
    public void runOrdered(int chunks, ChunkTask compute, ChunkTask commit) {
        runOrdered(chunks, compute, 1, commit == null ? null : (worker, chunk, slice) -> commit.run(worker, chunk));
    }

    /**
     * Runs {@code compute} for every chunk in parallel, then, by the same worker slot, {@code commit} for
     * each of its {@code slices} slices: slice s of chunk c after slice s of chunk c − 1. The slices of
     * one commit must touch disjoint data. Waits for all.
     */
    public void runOrdered(int chunks, ChunkTask compute, int slices, SliceTask commit) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be >= 1, got " + slices);
        }
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            for (int c = 0; c < chunks; c++) {
                compute.run(0, c);
                for (int s = 0; commit != null && s < slices; s++) {
                    commit.run(0, c, s);
                }
            }
            return;
        }
        Round round = new Round(chunks, compute, slices, commit);
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

    /**
     * The shared state of one call: the next chunk to claim, and for each slice the next chunk to commit
     * it, guarded by that slice's lock.
     */
    private static final class Round {
        private final int chunks;
        private final ChunkTask compute;
        private final SliceTask commit;
        private final AtomicInteger nextClaim = new AtomicInteger();
        private final int[] nextCommit;
        private final Object[] locks;
        private volatile Throwable failure;

        Round(int chunks, ChunkTask compute, int slices, SliceTask commit) {
            this.chunks = chunks;
            this.compute = compute;
            this.commit = commit;
            this.nextCommit = new int[slices];
            this.locks = new Object[slices];
            for (int s = 0; s < slices; s++) {
                locks[s] = new Object();
            }
        }

        void work(int slot) {
            int c;
            while ((c = nextClaim.getAndIncrement()) < chunks) {
                try {
                    compute.run(slot, c);
                    for (int s = 0; commit != null && s < locks.length; s++) {
                        if (!awaitTurn(s, c)) {
                            return;
                        }
                        commit.run(slot, c, s);
                        finishTurn(s);
                    }
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
            }
        }

        /**
         * Waits until {@code chunk} may commit {@code slice}; false when another worker failed and the
         * round is over.
         */
        private boolean awaitTurn(int slice, int chunk) {
            // Chunks are claimed in order and a worker holds one at a time, so the lowest chunk not yet
            // committed on a slice belongs to a worker that is not waiting on it: the wait ends unless a
            // worker failed.
            boolean interrupted = false;
            Object lock = locks[slice];
            synchronized (lock) {
                while (nextCommit[slice] != chunk && failure == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure == null;
        }

        private void finishTurn(int slice) {
            Object lock = locks[slice];
            synchronized (lock) {
                nextCommit[slice]++;
                lock.notifyAll();
            }
        }

        private void fail(Throwable e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            nextClaim.set(chunks);
            for (Object lock : locks) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
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
