package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradCheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void randomProblemPasses() {
        Cli.Run run = Cli.run("gradcheck", "--json");
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        double rd = (Double) json.get("relativeDifference");
        assertTrue(rd > 0 && rd < 1e-9, "relative difference " + rd);
        assertEquals(Boolean.TRUE, json.get("passed"));
        assertEquals(2.0 * 5 * 16 + 5 + 16, json.get("parameters"));
    }

    @Test
    void zeroToleranceFails() {
        Cli.Run run = Cli.run("gradcheck", "--tolerance", "0", "--visible", "4", "--hidden", "2", "--samples", "5");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("FAILED"), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("sae: error: gradient check failed: relative difference "), run.err());
    }

    @Test
    void strongSparsityTermStillChecksOut() {
        // a large beta and rho far from the activations stress the KL term's gradient
        Cli.Run run = Cli.run("gradcheck", "--visible", "9", "--hidden", "4", "--samples", "11", "--rho", "0.3",
                "--beta", "10", "--lambda", "0.01", "--seed", "5");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("relative difference "), run.out());
    }

    @Test
    void npyDataAndFloat32() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(5, 8, 31));
        Cli.Run f64 = Cli.run("gradcheck", "--npy", x.toString(), "--hidden", "3", "--json");
        assertEquals(0, f64.exitCode(), f64.transcript());
        assertEquals(2.0 * 3 * 5 + 3 + 5, MiniJson.parseObject(f64.out().strip()).get("parameters"));

        Cli.Run f32 = Cli.run("gradcheck", "--npy", x.toString(), "--hidden", "3", "--precision", "f32", "--json");
        assertEquals(0, f32.exitCode(), f32.transcript());
        Map<String, Object> json = MiniJson.parseObject(f32.out().strip());
        assertEquals(GradCheckCommand.F32_TOLERANCE, json.get("tolerance"));
        assertFalse((Double) json.get("relativeDifference") < 1e-9, "f32 rounding is visible: " + json);
    }
}
