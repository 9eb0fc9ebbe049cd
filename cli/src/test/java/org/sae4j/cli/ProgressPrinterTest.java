package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sae4j.optim.IterationInfo;

class ProgressPrinterTest {

    /** Iteration i at i * 50 ms, with 2 evaluations per iteration. */
    private static IterationInfo at(int iteration) {
        return new IterationInfo(iteration, 2 * iteration + 1, 1.0 / iteration, 0.01 / iteration, 1,
                Duration.ofMillis(50L * iteration));
    }

    @Test
    void lineShowsIterationCostGradientRateElapsedAndEta() {
        String line = ProgressPrinter.line(at(10), 40);
        // 21 evaluations in 0.5 s; 30 iterations left at 50 ms each
        assertEquals("iteration 10/40  J 0.10000000  max|grad J| 1.000e-03  42.0 evals/s  elapsed 0.5s  ETA 1.5s", line);
    }

    @Test
    void durationsAreReadable() {
        assertEquals("59.9s", ProgressPrinter.duration(Duration.ofMillis(59_900)));
        assertEquals("1m05s", ProgressPrinter.duration(Duration.ofSeconds(65)));
        assertEquals("2h03m", ProgressPrinter.duration(Duration.ofSeconds(2 * 3600 + 3 * 60 + 59)));
    }

    @Test
    void redirectedOutputGetsEveryNthIterationAndTheLast() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, 10, 100);
        for (int i = 1; i <= 25; i++) {
            p.onIteration(at(i));
        }
        p.finish();
        List<String> lines = text.toString().lines().toList();
        assertEquals(3, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("iteration 10/100 "));
        assertTrue(lines.get(1).startsWith("iteration 20/100 "));
        assertTrue(lines.get(2).startsWith("iteration 25/100 "));
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void dataReadInPlaceShowTheRateReadSinceTheLastLine() {
        assertEquals("250 MB/s", ProgressPrinter.readRate(500_000_000, Duration.ofSeconds(2)));
        assertEquals("- MB/s", ProgressPrinter.readRate(10, Duration.ZERO));
        StringWriter text = new StringWriter();
        long[] bytes = {0};
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, 10, 20, () -> bytes[0]);
        for (int i = 1; i <= 20; i++) {
            // 50 ms an iteration, each reading 10 MB: 200 MB/s
            bytes[0] += 10_000_000;
            p.onIteration(at(i));
        }
        p.finish();
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        for (String line : lines) {
            assertTrue(line.endsWith("  read 200 MB/s"), line);
        }
    }

    @Test
    void lastIterationOnTheBoundaryIsNotRepeated() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, 10, 20);
        for (int i = 1; i <= 20; i++) {
            p.onIteration(at(i));
        }
        p.finish();
        assertEquals(2, text.toString().lines().count(), text.toString());
    }

    @Test
    void terminalRewritesOneLineAtMostTenTimesASecondAndEndsIt() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, 10, 100);
        for (int i = 1; i <= 7; i++) {
            p.onIteration(at(i)); // 50 ms apart: 1, 3, 5 and 7 are drawn; finish() has nothing new to draw
        }
        p.finish();
        String s = text.toString();
        assertTrue(s.endsWith("\n"), "the line is ended");
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
        String[] frames = s.substring(1, s.length() - 1).split("\r");
        assertEquals(4, frames.length, s);
        assertTrue(frames[0].startsWith("iteration 1/100 "));
        assertTrue(frames[3].startsWith("iteration 7/100 "));
    }

    @Test
    void terminalPadsOverLongerPreviousLine() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, 10, 100);
        p.onIteration(new IterationInfo(1, 3, 123456.789, 1e-3, 1, Duration.ofSeconds(100)));
        p.onIteration(new IterationInfo(2, 5, 1.0, 1e-3, 1, Duration.ofSeconds(101)));
        p.finish();
        String[] frames = text.toString().strip().split("\r");
        assertEquals(frames[0].length(), frames[1].length(), "second frame covers the first");
    }

    @Test
    void nothingPrintedWithoutIterations() {
        StringWriter text = new StringWriter();
        new ProgressPrinter(new PrintWriter(text), true, 10, 100).finish();
        assertEquals("", text.toString());
    }
}
