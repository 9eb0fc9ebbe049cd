package org.sae4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sae4j.optim.Cancellation;

/**
 * Makes Ctrl-C (or any orderly JVM shutdown) stop a training run gracefully: a shutdown hook cancels
 * the run, which stops after the current evaluation, and then holds the JVM until the training thread
 * has saved the best model and called {@link #close()}, or until a timeout passes.
 */
final class CancelOnShutdown implements AutoCloseable {
    /** How long the hook waits for the results to be saved before letting the JVM go. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final Cancellation cancellation;
    private final PrintWriter err;
    private final Duration wait;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    CancelOnShutdown(Cancellation cancellation, PrintWriter err, Duration wait) {
        this.cancellation = cancellation;
        this.err = err;
        this.wait = wait;
    }

    /** A guard with its hook registered when {@code install} is true (a real process), else an inert one. */
    static CancelOnShutdown install(boolean install, Cancellation cancellation, PrintWriter err) {
        CancelOnShutdown guard = new CancelOnShutdown(cancellation, err, DEFAULT_WAIT);
        if (install) {
            guard.hook = new Thread(guard::onShutdown, "sae-cancel-on-shutdown");
            Runtime.getRuntime().addShutdownHook(guard.hook);
        }
        return guard;
    }

    /** What the hook does: cancel, then wait for {@link #close()}. */
    void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        err.println();
        err.println("sae: interrupted; stopping after the current evaluation and saving the best model so far");
        err.flush();
        cancellation.cancel();
        try {
            if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("sae: error: results not saved within " + wait.getSeconds() + " s; giving up");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The results are saved (or the run failed): lets a pending shutdown proceed and removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook is running or has run; counting down above is what it waits for
            }
        }
    }
}
