package org.sae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sae4j.data.Precision;

/** Smoke test: the evaluation head-to-head on a tiny problem, one line per backend. */
class EvaluationHeadToHeadTest {
    private static final Pattern LINE = Pattern.compile(
            "16x8x600 f32 threads=2 (\\S+): ([0-9.]+) ms/eval, ([0-9.]+) x java");

    @Test
    void tinyProblemTimesEveryBackendAgainstTheLast() {
        List<String> lines = EvaluationHeadToHead.report(16, 8, 600, Precision.F32, 2, 2,
                List.of("java-scalar", "java"));

        assertEquals(2, lines.size(), String.join("\n", lines));
        for (int b = 0; b < 2; b++) {
            Matcher m = LINE.matcher(lines.get(b));
            assertTrue(m.matches(), lines.get(b));
            assertEquals(b == 0 ? "java-scalar" : "java", m.group(1));
            assertTrue(Double.parseDouble(m.group(2)) > 0, lines.get(b));
            if (b == 1) {
                assertEquals("1.000", m.group(3), "the reference against itself");
            }
        }
    }
}
