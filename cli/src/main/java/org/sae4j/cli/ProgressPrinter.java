package org.sae4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.sae4j.optim.IterationInfo;
import org.sae4j.optim.ProgressListener;

/**
 * Shows training progress on stderr: iteration, J, the largest gradient component, evaluations per
 * second, elapsed time and the time left if the whole iteration budget is used, and for data read in
 * place from a file the MB/s read from it since the last line. On a terminal one line is rewritten in
 * place (at most ten times a second); otherwise a plain line is printed every {@code every} iterations,
 * and the last iteration always gets one.
 */
final class ProgressPrinter implements ProgressListener {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final int every;
    private final int maxIterations;
    /** Bytes read so far from the mapped file trained on, or null for data on the heap. */
    private final LongSupplier bytesRead;
    private long bytesShown;
    private IterationInfo last;
    private IterationInfo lastShown;
    private int shownWidth;

    ProgressPrinter(PrintWriter err, boolean terminal, int every, int maxIterations) {
        this(err, terminal, every, maxIterations, null);
    }

    /** @param bytesRead the bytes read so far from the file the data are mapped from, or null */
    ProgressPrinter(PrintWriter err, boolean terminal, int every, int maxIterations, LongSupplier bytesRead) {
        this.err = err;
        this.terminal = terminal;
        this.every = every;
        this.maxIterations = maxIterations;
        this.bytesRead = bytesRead;
        this.bytesShown = bytesRead == null ? 0 : bytesRead.getAsLong();
    }

    @Override
    public void onIteration(IterationInfo info) {
        last = info;
        if (terminal) {
            if (lastShown == null || info.elapsed().minus(lastShown.elapsed()).toNanos() >= REDRAW_NANOS) {
                redraw(info);
            }
        } else if (info.iteration() % every == 0) {
            show(info);
        }
    }

    /** Shows the last iteration if it is not on screen yet, and ends the in-place line. */
    void finish() {
        if (last != null && last != lastShown) {
            if (terminal) {
                redraw(last);
            } else {
                show(last);
            }
        }
        if (terminal && lastShown != null) {
            err.println();
        }
        err.flush();
    }

    static String line(IterationInfo info, int maxIterations) {
        double seconds = info.elapsed().toNanos() / 1e9;
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%.1f", info.evaluations() / seconds) : "-";
        Duration eta = info.elapsed().multipliedBy(Math.max(0, maxIterations - info.iteration()))
                .dividedBy(info.iteration());
        return String.format(Locale.ROOT, "iteration %d/%d  J %.8g  max|grad J| %.3e  %s evals/s  elapsed %s  ETA %s",
                info.iteration(), maxIterations, info.value(), info.gradientNorm(), rate,
                duration(info.elapsed()), duration(eta));
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** The line with, for mapped data, the MB/s read since the last line shown. */
    private String text(IterationInfo info) {
        String text = line(info, maxIterations);
        if (bytesRead == null) {
            return text;
        }
        long bytes = bytesRead.getAsLong();
        Duration since = lastShown == null ? info.elapsed() : info.elapsed().minus(lastShown.elapsed());
        String rate = readRate(bytes - bytesShown, since);
        bytesShown = bytes;
        return text + "  read " + rate;
    }

    /** Megabytes (10⁶ bytes) per second, or "-" for no time. */
    static String readRate(long bytes, Duration over) {
        double seconds = over.toNanos() / 1e9;
        return seconds > 0 ? String.format(Locale.ROOT, "%.0f MB/s", bytes / 1e6 / seconds) : "- MB/s";
    }

    private void redraw(IterationInfo info) {
        String text = text(info);
        // pad so that the end of a longer previous line does not stay visible
        int pad = Math.max(0, shownWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        shownWidth = text.length();
        lastShown = info;
    }

    private void show(IterationInfo info) {
        err.println(text(info));
        err.flush();
        lastShown = info;
    }
}
