package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.image.FeatureImage;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Termination;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void reducedDemoWritesFeaturesModelAndCostPlot() throws Exception {
        Path out = dir.resolve("demo-out");
        Cli.Run run = Cli.run("demo", "--images", "2", "--image-size", "64", "--samples", "2000",
                "--iterations", "20", "--threads", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());

        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(64, model.model().config().visible());
        assertEquals(25, model.model().config().hidden());
        assertEquals(0.01, model.model().config().rho());
        assertEquals(1e-4, model.model().config().lambda());
        assertEquals(3, model.model().config().beta());
        assertEquals(20, model.metadata().iterations());
        assertEquals(Termination.ITERATION_LIMIT.description(), model.metadata().terminationReason());

        BufferedImage features = ImageIO.read(out.resolve("features.png").toFile());
        BufferedImage expected = FeatureImage.render(model.model().w1(), 8, 8);
        assertNotNull(features);
        assertEquals(expected.getWidth(), features.getWidth());
        assertEquals(expected.getHeight(), features.getHeight());
        assertNotNull(ImageIO.read(out.resolve("cost.png").toFile()));

        // stdout says where the files are
        assertTrue(run.out().contains(out.resolve("features.png").toString()), run.transcript());
        assertTrue(run.out().contains(out.resolve("model.sae").toString()), run.transcript());
        assertTrue(run.out().contains(out.resolve("cost.png").toString()), run.transcript());
        assertTrue(run.err().contains("iteration 20/20"), "progress on stderr: " + run.transcript());
    }

    @Test
    void jsonReportMatchesTheSavedModel() throws Exception {
        Path out = dir.resolve("json-out");
        Cli.Run run = Cli.run("demo", "--images", "1", "--image-size", "32", "--samples", "300",
                "--iterations", "5", "--threads", "1", "--json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(model.metadata().finalCost(), (Double) json.get("finalCost"));
        assertEquals(5.0, json.get("iterations"));
        assertEquals((double) model.metadata().evaluations(), json.get("evaluations"));
        assertEquals("ITERATION_LIMIT", json.get("termination"));
        assertEquals(MatrixBackends.defaultBackend().name(), json.get("backend"));
        assertEquals(1.0, json.get("threads"));
        assertEquals("f64", json.get("precision"));
        assertEquals(out.resolve("model.sae").toString(), json.get("model"));
        assertTrue((Double) json.get("seconds") >= 0);
    }

    @Test
    void sameSeedGivesTheSameModel() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String[] common = {"demo", "--images", "1", "--image-size", "32", "--samples", "200", "--iterations", "3",
                "--seed", "9"};
        assertEquals(0, Cli.run(concat(common, "--out", a.toString(), "--threads", "1")).exitCode());
        assertEquals(0, Cli.run(concat(common, "--out", b.toString(), "--threads", "2")).exitCode());
        assertTrue(java.util.Arrays.equals(ModelFile.read(a.resolve("model.sae")).model().theta(),
                ModelFile.read(b.resolve("model.sae")).model().theta()));
    }

    @Test
    void imageSizeMustBeAPowerOfTwo() {
        Cli.Run run = Cli.run("demo", "--image-size", "100", "--out", dir.toString());
        assertEquals(2, run.exitCode(), run.transcript());
        assertEquals("sae: error: --image-size must be a power of two from 16 to 16384, got 100 (see 'sae demo --help')",
                run.err().strip());
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
