package org.sae4j.parallel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one training run, shared by everything in it: the objective's chunk evaluation and
 * the optimiser's vector work. A run creates one ({@link #create(int)}) and closes it at the end, and
 * then no thread of it is left; a library user who runs sae4j inside their own pool passes that
 * ({@link #using(ForkJoinPool)}), which {@link #close()} leaves running.
 *
 * <p>With one thread there is no pool at all: work runs on the calling thread.
 */
public final class ParallelRuntime implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final int threads;
    private final ForkJoinPool pool;
    private final boolean owned;
    /** The threads the pool of its own made, joined by close(): a terminated pool's last worker may still be exiting. */
    private final Queue<Thread> workers;

    private ParallelRuntime(int threads, ForkJoinPool pool, boolean owned, Queue<Thread> workers) {
        this.threads = threads;
        this.pool = pool;
        this.owned = owned;
        this.workers = workers;
    }

    /** A runtime of {@code threads} worker threads of its own (none for 1), named {@code sae4j-N-worker-i}. */
    public static ParallelRuntime create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads == 1) {
            return new ParallelRuntime(1, null, false, null);
        }
        int id = POOLS.incrementAndGet();
        Queue<Thread> workers = new ConcurrentLinkedQueue<>();
        ForkJoinPool pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("sae4j-" + id + "-worker-" + t.getPoolIndex());
            t.setDaemon(true);
            workers.removeIf(w -> w.getState() == Thread.State.TERMINATED);
            workers.add(t);
            return t;
        }, null, false);
        return new ParallelRuntime(threads, pool, true, workers);
    }

    /** Work on the calling thread only. */
    public static ParallelRuntime singleThreaded() {
        return create(1);
    }

    /** The caller's pool, as many threads as its parallelism; {@link #close()} does not shut it down. */
    public static ParallelRuntime using(ForkJoinPool pool) {
        return new ParallelRuntime(pool.getParallelism(), pool, false, null);
    }

    /** Worker threads; 1 means the calling thread does all the work. */
    public int threads() {
        return threads;
    }

    /** Runs {@code task} on the pool and waits for it; only when {@link #threads()} is above 1. */
    public <T> T invoke(ForkJoinTask<T> task) {
        if (pool == null) {
            throw new IllegalStateException("a single-threaded runtime has no pool; run the work directly");
        }
        return pool.invoke(task);
    }

    /**
     * Ends the runtime's own threads and waits until they have ended, up to
     * {@value #CLOSE_TIMEOUT_SECONDS} s (work in progress is interrupted; products end well within
     * that), also when the calling thread is interrupted; a pool passed to {@link #using} is left alone.
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        pool.shutdownNow();
        // A cancelled run leaves the caller's interrupt flag set; waiting must not end on it, so the
        // flag is put aside and restored afterwards.
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Thread t : workers) {
            while (t.isAlive() && System.nanoTime() < deadline) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
