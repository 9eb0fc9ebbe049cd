package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sae4j.optim.Cancellation;

class CancelOnShutdownTest {

    @Test
    void hookCancelsAndWaitsUntilTheResultsAreSaved() throws Exception {
        Cancellation cancellation = new Cancellation();
        StringWriter err = new StringWriter();
        CancelOnShutdown guard = new CancelOnShutdown(cancellation, new PrintWriter(err, true), Duration.ofSeconds(30));
        Thread hook = new Thread(guard::onShutdown);
        hook.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cancellation.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(cancellation.isCancelled());
        hook.join(200);
        assertTrue(hook.isAlive(), "the hook holds the JVM until the training thread has saved");
        guard.close();
        hook.join(5000);
        assertFalse(hook.isAlive());
        assertTrue(err.toString().contains("saving the best model"), err.toString());
    }

    @Test
    void hookGivesUpAfterItsTimeout() throws Exception {
        Cancellation cancellation = new Cancellation();
        StringWriter err = new StringWriter();
        CancelOnShutdown guard = new CancelOnShutdown(cancellation, new PrintWriter(err, true), Duration.ofMillis(50));
        guard.onShutdown();
        assertTrue(cancellation.isCancelled());
        assertTrue(err.toString().contains("not saved"), err.toString());
    }

    @Test
    void hookDoesNothingAfterTheRunHasFinished() {
        Cancellation cancellation = new Cancellation();
        CancelOnShutdown guard = CancelOnShutdown.install(false, cancellation, new PrintWriter(new StringWriter()));
        guard.close();
        guard.onShutdown();
        assertFalse(cancellation.isCancelled());
    }
}
