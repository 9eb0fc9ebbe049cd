package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyWriter;

/** Failures that must not lose results or pass as results (issue 14's first groups). */
class ReliabilityTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--hidden", "3", "--iterations", "4", "--threads", "1", "--backend", "java"};

    private static String[] concat(String[] a, String... b) {
        return DemoCommandTest.concat(a, b);
    }

    private Path goodModel(Path out) throws Exception {
        Path x = TestData.writeNpy(dir.resolve("good.npy"), TestData.samples(9, 30, 1));
        Cli.Run run = Cli.run(concat(new String[] {"train", "--npy", x.toString(), "--out", out.toString()}, SMALL));
        assertEquals(0, run.exitCode(), run.transcript());
        return out.resolve("model.sae");
    }

    private Path constant(String name, int v, int m, double value) throws Exception {
        double[] values = new double[v * m];
        java.util.Arrays.fill(values, value);
        return TestData.writeNpy(dir.resolve(name), Dataset.ofDoubles(v, m, values));
    }

    @Test
    void aRunWhoseFirstCostIsNotFiniteFailsAtOnceAndLeavesThePreviousOutputs() throws Exception {
        Path out = dir.resolve("o");
        Path model = goodModel(out);
        byte[] before = Files.readAllBytes(model);
        byte[] plotBefore = Files.readAllBytes(out.resolve("cost.png"));
        Path huge = constant("huge.npy", 9, 30, 1e300);
        Cli.Run run = Cli.run(concat(new String[] {"train", "--npy", huge.toString(), "--out", out.toString()}, SMALL));
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("sae: error: J = ") && run.err().contains("at the initial parameters")
                && run.err().contains("nothing was written"), run.transcript());
        assertArrayEquals(before, Files.readAllBytes(model), "the good model is untouched");
        assertArrayEquals(plotBefore, Files.readAllBytes(out.resolve("cost.png")));
    }

    @Test
    void f32DataThatOverflowsIsRefusedNamingTheSampleAndFeature() throws Exception {
        Path big = constant("big.npy", 4, 5, 1e39);
        Cli.Run run = Cli.run(concat(new String[] {"train", "--npy", big.toString(), "--precision", "f32",
            "--out", dir.resolve("f").toString()}, SMALL));
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(big + " in f32: sample 0, feature 0 is Infinity"), run.transcript());
        assertFalse(Files.exists(dir.resolve("f").resolve("model.sae")));
    }

    @Test
    void evalFailsOnANonFiniteCostAndWritesNoGradient() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(6, 10, 1));
        double[] theta = TestData.distinctTheta(6, 2, 2);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 1e160;
        }
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        Path grad = dir.resolve("g.npy");
        for (String json : new String[] {"--json", "--verbose"}) {
            Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", x.toString(), "--backend", "java",
                    "--grad-out", grad.toString(), json);
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("is not finite") || run.err().contains("J = "), run.transcript());
            assertTrue(run.err().contains("nothing was written"), run.transcript());
            assertEquals("", run.out());
            assertFalse(Files.exists(grad));
        }
    }

    @Test
    void anOutputThatIsAFolderIsRefusedBeforeTraining() throws Exception {
        Path out = dir.resolve("o");
        Files.createDirectories(out.resolve("model.sae"));
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(9, 30, 1));
        Cli.Run run = Cli.run(concat(new String[] {"train", "--npy", x.toString(), "--out", out.toString()}, SMALL));
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(out.resolve("model.sae") + " is a folder"), run.transcript());
        assertFalse(run.err().contains("training "), "refused before training: " + run.transcript());
    }

    @Test
    void aModelIsNeverLeftBesidePicturesOfAnotherRun() throws Exception {
        Path out = dir.resolve("o");
        goodModel(out);
        assertTrue(Files.isRegularFile(out.resolve("features.png")), "9 = 3 x 3 inputs get a picture");
        Path x = TestData.writeNpy(dir.resolve("seven.npy"), TestData.samples(7, 30, 3));
        Cli.Run run = Cli.run(concat(new String[] {"train", "--npy", x.toString(), "--out", out.toString()}, SMALL));
        assertEquals(0, run.exitCode(), run.transcript());
        assertFalse(Files.exists(out.resolve("features.png")), "7 inputs have no picture: the old one went");
    }

    @Test
    void usageErrorsNameTheOptionAndExitWithTwo() {
        for (String[] args : new String[][] {
            {"eval", "--theta", "t.npy", "--npy", "x.npy", "--backend", "nonsense"},
            {"bench", "--shapes", "Z"},
            {"bench", "--shapes", "0x0x0"},
            {"bench", "--precision", "f16"},
            {"bench", "--shapes", "100000x100000x100000"},
        }) {
            long start = System.nanoTime();
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.exitCode(), run.transcript());
            assertTrue(run.err().startsWith("sae: error: --"), run.transcript());
            assertTrue((System.nanoTime() - start) / 1e9 < 10, "refused before any measuring: " + run.transcript());
        }
        Cli.Run backend = Cli.run("gradcheck", "--backend", "nonsense");
        assertTrue(backend.err().contains("--backend: unknown backend 'nonsense'; expected auto or one of"),
                backend.transcript());
    }

    @Test
    void anExportThatCannotWriteEveryFileWritesNone() throws Exception {
        Path model = goodModel(dir.resolve("o"));
        Path target = dir.resolve("weights");
        Files.createDirectories(target.resolve("W1.npy"));
        Cli.Run run = Cli.run("export", model.toString(), "--dir", target.toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(target.resolve("W1.npy") + " is a folder; nothing was exported"), run.transcript());
        assertFalse(Files.exists(target.resolve("theta.npy")), "all or nothing");
    }

    @Test
    void sizesBeyondTheHeapAreUsageErrorsBeforeAnyWork() {
        long start = System.nanoTime();
        Cli.Run run = Cli.run("demo", "--image-size", "1073741824", "--out", dir.resolve("d").toString());
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("--image-size must be a power of two from 16 to 16384"), run.transcript());
        Cli.Run heap = Cli.run("demo", "--image-size", "16384", "--images", "1000", "--out", dir.resolve("d").toString());
        assertEquals(2, heap.exitCode(), heap.transcript());
        assertTrue(heap.err().contains("more than this JVM's heap"), heap.transcript());
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused at once");
    }

    @Test
    void anImageTooSmallForThePatchNamesTheFile() throws Exception {
        Path images = Files.createDirectories(dir.resolve("imgs"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        javax.imageio.ImageIO.write(img, "png", images.resolve("a.png").toFile());
        Cli.Run run = Cli.run("train", "--images", images.toString(), "--patch", "8", "--out",
                dir.resolve("t").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(images + ": a.png is 4x4 pixels, smaller than the 8x8 patch"), run.transcript());
    }

    @Test
    void aRunLargerThanTheHeapStopsBeforeTrainingWithTheLargestItems() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(9, 30, 1));
        Cli.Run run = Cli.run("train", "--npy", x.toString(), "--hidden", "20000", "--history", "2000",
                "--backend", "java", "--out", dir.resolve("big").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("sae: error: this run needs about") && run.err().contains("the L-BFGS history")
                && run.err().contains("JAVA_OPTS=-Xmx"), run.transcript());
        assertFalse(run.err().contains("training "), "before training: " + run.transcript());
    }

    @Test
    void aNativeLibraryThatDoesNotLoadIsOneErrorLine() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Ddev.ludovic.netlib.blas.nativeLib=libnonexistent.so", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "gradcheck", "--backend", "native"));
        Process p = new ProcessBuilder(command).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), "one line, no netlib or loader output: " + err);
        assertTrue(err.startsWith("sae: error: Backend 'native' is not available: libnonexistent.so"), err);
    }

    @Test
    void aResultThatCannotBeWrittenToStandardOutputIsAFailure() throws Exception {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(devFull), "needs /dev/full");
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(6, 10, 1));
        double[] theta = TestData.distinctTheta(6, 2, 2);
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "eval", "--theta",
                thetaFile.toString(), "--npy", x.toString(), "--backend", "java"));
        Process p = new ProcessBuilder(command).redirectOutput(devFull.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("sae: error: the output could not be written to standard output"), err);
        assertTrue(new File("/dev/full").exists());
    }
}
