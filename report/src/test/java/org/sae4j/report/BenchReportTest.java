package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.precision.Precision;

/** Smoke test: the report's protocol on a tiny shape, end to end. */
class BenchReportTest {

    @Test
    void tinyShapeProducesRowsTableCsvAndChart(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        boolean nativeHere = MatrixBackends.availableNames().contains("native");
        List<String> backends = nativeHere ? List.of("java", "native") : List.of("java");
        BenchOptions options = new BenchOptions(List.of(ProblemShape.parse("16x8x600")),
                List.of(Precision.F64, Precision.F32), backends, List.of(1, 2), List.of(0, 100), dir);
        StringBuilder log = new StringBuilder();
        BenchReport report = new BenchReport(options, line -> log.append(line).append('\n'));
        List<BenchRow> rows = report.run();

        assertEquals(2 * 2 * backends.size() * 2, rows.size(), log.toString());
        for (BenchRow r : rows) {
            assertEquals("16x8x600", r.shape());
            // by default 600 samples are 3 chunks of 200 (at most 256 each); 100 cuts them into 6 of 100
            assertTrue(r.chunk() == 200 || r.chunk() == 100, r.toString());
            assertTrue(r.evalSeconds() > 0 && r.evalSeconds() < 10, r.toString());
            assertEquals(10.0 * 16 * 8 * 600 / r.evalSeconds() / 1e9, r.gflops(), 1e-9);
            assertEquals(600 / r.evalSeconds(), r.samplesPerSecond(), 1e-6);
            if (nativeHere) {
                assertTrue(r.idealSeconds() > 0 && Double.isFinite(r.ratio()), "bound measured: " + r);
            } else {
                assertTrue(Double.isNaN(r.idealSeconds()), r.toString());
            }
        }
        List<Path> files = report.write(rows);
        String md = Files.readString(files.get(0));
        assertTrue(md.contains("| 16x8x600 | 16 | 8 | 600 | f64 | java | 1 | 200 |"), md);
        assertTrue(md.contains("| 16x8x600 | 16 | 8 | 600 | f64 | java | 1 | 100 |"), md);
        assertTrue(md.contains("Vector API:"), md);
        List<String> csv = Files.readAllLines(files.get(1));
        assertEquals(rows.size() + 1, csv.size());
        assertTrue(csv.get(0).startsWith("shape,visible,hidden,samples,precision,backend,threads,chunk,evalSeconds,idealSeconds,ratio"));
        assertTrue(ImageIO.read(files.get(2).toFile()).getHeight() > 50);
    }

    @Test
    void aNetworkShapeIsTimedAgainstItsOwnProducts(@TempDir Path dir) throws Exception {
        boolean nativeHere = MatrixBackends.availableNames().contains("native");
        BenchOptions options = new BenchOptions(List.of(ProblemShape.parse("16-8-5-3x600")), List.of(Precision.F32),
                List.of("java"), List.of(2), List.of(0), dir);
        StringBuilder log = new StringBuilder();
        List<BenchRow> rows = new BenchReport(options, line -> log.append(line).append('\n')).run();
        assertEquals(1, rows.size(), log.toString());
        BenchRow r = rows.get(0);
        assertEquals("16-8-5-3x600", r.shape());
        assertEquals(2.0 * 600 * (3 * (16 * 8 + 8 * 5 + 5 * 3) - 16 * 8) / r.evalSeconds() / 1e9, r.gflops(), 1e-9);
        assertEquals(nativeHere, Double.isFinite(r.idealSeconds()), log.toString());
    }

    @Test
    void shapesParseByNameOrSize() {
        assertEquals(new ProblemShape("B", 784, 196, 10_000), ProblemShape.parse("b"));
        assertEquals(new ProblemShape("64x25x100", 64, 25, 100), ProblemShape.parse("64x25x100"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProblemShape.parse("D"));
        assertTrue(e.getMessage().contains("expected A, B, C or VxHxM"), e.getMessage());
        ProblemShape net = ProblemShape.parse("784-200-200-10x60000");
        assertEquals(784, net.visible());
        assertEquals(200, net.hidden());
        assertEquals(60_000, net.samples());
        assertEquals("784-200-200-10x60000", net.spec());
        assertEquals(net, ProblemShape.parse(net.spec()));
        // 3L + 2 products of fine-tuning: up the stack, then a gradient and an error per layer but the bottom
        assertEquals(8, net.workload(false).products().size());
        assertEquals(2.0 * 3 * 60_000 * (784 * 200 + 200 * 200 + 200 * 10) - 2.0 * 60_000 * 784 * 200,
                net.workload(false).flops(), 1);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ProblemShape.parse("784-0-10x100"));
        assertTrue(zero.getMessage().contains("network shape '784-0-10x100': layer 1 must have at least 1 unit"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProblemShape.parse("784-10"));
        assertEquals(List.of(1, 2, 4, 8, 16), BenchOptions.scalingSeries(16));
        assertEquals(List.of(1, 2), BenchOptions.scalingSeries(2));
        assertEquals(List.of(1, 2, 4, 6), BenchOptions.scalingSeries(6));
    }
}
