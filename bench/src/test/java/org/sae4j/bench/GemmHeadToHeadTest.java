package org.sae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sae4j.report.Products;
import org.sae4j.report.Shape;

/** Smoke test: the head-to-head protocol on a tiny problem, every product timed for every backend. */
class GemmHeadToHeadTest {
    private static final Pattern CELL = Pattern.compile(" ([0-9.]+) \\(([0-9.]+)\\) \\|");

    @Test
    void tinyProblemReportsEveryProductForEveryBackend() {
        List<String> lines = GemmHeadToHead.report(Shape.A, false, 2, List.of("java-scalar", "java"), 40);

        assertEquals(3 + Products.NAMES.size() + 1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("shape A (v=64, h=25, m=40) f64"), lines.get(0));
        assertEquals("| product | java-scalar | java |", lines.get(1));
        for (int row = 0; row <= Products.NAMES.size(); row++) {
            String line = lines.get(3 + row);
            String label = row < Products.NAMES.size() ? Products.NAMES.get(row) : "all five";
            assertTrue(line.startsWith("| " + label + " |"), line);
            Matcher cell = CELL.matcher(line);
            for (int backend = 0; backend < 2; backend++) {
                assertTrue(cell.find(), line);
                assertTrue(Double.parseDouble(cell.group(1)) > 0, line);
            }
            assertEquals("1.00", cell.group(2), "the reference column is the reference: " + line);
        }
    }
}
