package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import org.sae4j.data.NpyWriter;
import org.sae4j.data.PatchSampler;
import org.sae4j.data.Zca;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.precision.Precision;

/**
 * {@code sae train}: each data source and preprocessing option is checked against the same pipeline
 * done by hand with the engine's classes; identical inputs and seeds give bitwise-identical models.
 */
class TrainCommandTest {
    private static final String[] SMALL = {"--hidden", "3", "--iterations", "4", "--threads", "1"};

    @TempDir
    Path dir;

    private StoredModel train(String name, String... args) throws IOException {
        Path out = dir.resolve(name);
        Cli.Run run = Cli.run(DemoCommandTest.concat(DemoCommandTest.concat(new String[] {"train"}, args),
                DemoCommandTest.concat(SMALL, "--out", out.toString())));
        assertEquals(0, run.exitCode(), run.transcript());
        return ModelFile.read(out.resolve("model.sae"));
    }

    @Test
    void npySourceTrainsAndReportsJson() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(16, 40, 1));
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("train", "--npy", x.toString(), "--hidden", "4", "--iterations", "6",
                "--rho", "0.05", "--lambda", "0.001", "--beta", "2", "--precision", "f32", "--chunk", "7",
                "--threads", "2", "--json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        for (String key : new String[] {"finalCost", "iterations", "evaluations", "termination", "seconds", "backend",
                "backendChoice", "threads", "precision", "model"}) {
            assertTrue(json.containsKey(key), key + " in " + run.out());
        }
        assertEquals("f32", json.get("precision"));
        assertEquals(2.0, json.get("threads"));
        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(16, model.model().config().visible());
        assertEquals(4, model.model().config().hidden());
        assertEquals(0.05, model.model().config().rho());
        assertEquals(0.001, model.model().config().lambda());
        assertEquals(2, model.model().config().beta());
        assertEquals("f32", model.precision().shortName());
        assertEquals(model.metadata().finalCost(), (Double) json.get("finalCost"));
        String choice = (String) json.get("backendChoice");
        assertTrue(choice.startsWith("auto: " + json.get("backend")), choice);
        assertEquals(choice, model.metadata().extra().get("backendChoice"), "the model records the choice");
        assertTrue(Files.isRegularFile(out.resolve("features.png")), "16 = 4 x 4 inputs get a features picture");
        assertTrue(Files.isRegularFile(out.resolve("cost.png")));
    }

    /** A tolerance big enough stops at once; both tolerances 0 run the whole budget; negative is a usage error. */
    @Test
    void stoppingTolerancesAreOptions() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(16, 40, 1));
        Cli.Run loose = Cli.run("train", "--npy", x.toString(), "--hidden", "4", "--iterations", "50",
                "--gradient-tolerance", "1e3", "--backend", "java", "--json", "--out", dir.resolve("a").toString());
        assertEquals(0, loose.exitCode(), loose.transcript());
        Map<String, Object> a = MiniJson.parseObject(loose.out().strip());
        assertEquals("GRADIENT_TOLERANCE", a.get("termination"));
        assertEquals(0.0, ((Number) a.get("iterations")).doubleValue());
        Cli.Run full = Cli.run("train", "--npy", x.toString(), "--hidden", "4", "--iterations", "25",
                "--gradient-tolerance", "0", "--progress-tolerance", "0", "--backend", "java", "--json", "--out",
                dir.resolve("b").toString());
        assertEquals(0, full.exitCode(), full.transcript());
        Map<String, Object> b = MiniJson.parseObject(full.out().strip());
        assertEquals("ITERATION_LIMIT", b.get("termination"));
        assertEquals(25.0, ((Number) b.get("iterations")).doubleValue());
        Cli.Run negative = Cli.run("train", "--npy", x.toString(), "--progress-tolerance", "-1");
        assertEquals(2, negative.exitCode(), negative.transcript());
        assertTrue(negative.err().contains("--progress-tolerance must be finite and >= 0"), negative.err());
    }

    @Test
    void finalCostIsTheObjectiveAtTheSavedParameters() throws Exception {
        Dataset data = TestData.samples(9, 30, 2);
        StoredModel model = train("m", "--npy", TestData.writeNpy(dir.resolve("x.npy"), data).toString(),
                "--backend", "java");
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(9, 3, 0.01, 1e-4, 3);
        EvaluationSettings settings = EvaluationSettings.of(MatrixBackends.get("java"), Precision.F64)
                .withThreads(1);
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(config, data, settings)) {
            assertEquals(f.evaluate(model.model().theta(), new double[model.model().theta().length]), model.metadata().finalCost(),
                    0.0);
        }
    }

    @Test
    void csvWithScaleFractionEqualsPrescaledNpy() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        int v = 4;
        int m = 25;
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        double[] scaled = new double[v * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < v; i++) {
                int pixel = r.nextInt(256);
                csv.append(pixel).append(i < v - 1 ? "," : "\n");
                scaled[j * v + i] = pixel * (1.0 / 255);
            }
        }
        Path csvFile = Files.writeString(dir.resolve("x.csv"), csv.toString(), StandardCharsets.UTF_8);
        Path npy = TestData.writeNpy(dir.resolve("x.npy"), Dataset.ofDoubles(v, m, scaled));
        StoredModel fromCsv = train("csv", "--csv", csvFile.toString(), "--scale", "1/255");
        StoredModel fromCsvExplicitHeader = train("csv2", "--csv", csvFile.toString(), "--csv-header", "yes",
                "--scale", "0.00392156862745098");
        StoredModel fromNpy = train("npy", "--npy", npy.toString());
        assertArrayEquals(fromNpy.model().theta(), fromCsv.model().theta(), 0.0);
        assertArrayEquals(fromNpy.model().theta(), fromCsvExplicitHeader.model().theta(), 0.0);
    }

    @Test
    void csvHeaderNoTreatsTheFirstLineAsData() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "x,y\n1,2\n");
        Cli.Run run = Cli.run("train", "--csv", csv.toString(), "--csv-header", "no", "--out", dir.toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("sae: error: ") && run.err().contains("x.csv"), run.transcript());
    }

    @Test
    void limitTakesTheFirstSamples() throws Exception {
        Dataset all = TestData.samples(5, 30, 4);
        StoredModel limited = train("limited", "--npy", TestData.writeNpy(dir.resolve("all.npy"), all).toString(),
                "--limit", "12");
        StoredModel first = train("first", "--npy",
                TestData.writeNpy(dir.resolve("first.npy"), all.firstSamples(12)).toString());
        assertArrayEquals(first.model().theta(), limited.model().theta(), 0.0);

        StoredModel beyond = train("beyond", "--npy", dir.resolve("all.npy").toString(), "--limit", "100");
        StoredModel everything = train("everything", "--npy", dir.resolve("all.npy").toString());
        assertArrayEquals(everything.model().theta(), beyond.model().theta(), 0.0);
    }

    @Test
    void whitenAppliesZca() throws Exception {
        Dataset all = TestData.samples(4, 50, 5);
        StoredModel whitened = train("w", "--npy", TestData.writeNpy(dir.resolve("all.npy"), all).toString(),
                "--whiten", "0.1");
        StoredModel byHand = train("h", "--npy",
                TestData.writeNpy(dir.resolve("zca.npy"), Zca.whiten(all, 0.1)).toString());
        assertArrayEquals(byHand.model().theta(), whitened.model().theta(), 0.0);
    }

    @Test
    void imageStackIsCutIntoNormalisedPatches() throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        double[] pixels = new double[3 * 12 * 10];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextDouble() * 255;
        }
        Path stack = dir.resolve("stack.npy");
        NpyWriter.writeF64(stack, new int[] {3, 12, 10}, pixels);
        StoredModel trained = train("stack", "--image-stack", stack.toString(), "--patch", "4", "--patches", "60",
                "--seed", "8");
        Dataset patches = PatchSampler.normalizeUfldl(
                PatchSampler.sample(new ImageStack(3, 12, 10, pixels), 4, 60, 8));
        StoredModel byHand = train("byhand", "--npy", TestData.writeNpy(dir.resolve("p.npy"), patches).toString(),
                "--seed", "8");
        assertEquals(16, trained.model().config().visible());
        assertArrayEquals(byHand.model().theta(), trained.model().theta(), 0.0);
    }

    @Test
    void imageFolderIsRead() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 2; k++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 16,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    img.getRaster().setSample(x, y, 0, r.nextInt(256));
                }
            }
            javax.imageio.ImageIO.write(img, "png", images.resolve("img" + k + ".png").toFile());
        }
        Path out = dir.resolve("folder-out");
        Cli.Run run = Cli.run("train", "--images", images.toString(), "--patch", "5", "--patches", "40",
                "--hidden", "2", "--iterations", "2", "--threads", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals(25, ModelFile.read(out.resolve("model.sae")).model().config().visible());
        assertTrue(Files.isRegularFile(out.resolve("features.png")));
    }

    @Test
    void gzippedIdxIsRead() throws Exception {
        int count = 20;
        int side = 5;
        SplittableRandom r = new SplittableRandom(8);
        byte[] pixels = new byte[count * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) r.nextInt(256);
        }
        Path idx = dir.resolve("images-idx3-ubyte.gz");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(idx)))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(side);
            out.writeInt(side);
            out.write(pixels);
        }
        double[] scaled = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xff) * (1.0 / 255);
        }
        StoredModel fromIdx = train("idx", "--idx", idx.toString(), "--scale", "1/255");
        StoredModel fromNpy = train("npy", "--npy",
                TestData.writeNpy(dir.resolve("x.npy"), Dataset.ofDoubles(side * side, count, scaled)).toString());
        assertArrayEquals(fromNpy.model().theta(), fromIdx.model().theta(), 0.0);
    }

    @Test
    void featuresPictureOnlyForSquareInputsUnlessPathGiven() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(6, 20, 9));
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("train", "--npy", x.toString(), "--hidden", "2", "--iterations", "2",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        assertFalse(Files.exists(out.resolve("features.png")), "6 inputs are not a square patch");
        assertFalse(run.out().contains("features"), run.out());

        Cli.Run explicit = Cli.run("train", "--npy", x.toString(), "--features", dir.resolve("f.png").toString(),
                "--out", out.toString());
        assertEquals(2, explicit.exitCode(), explicit.transcript());

        Path square = TestData.writeNpy(dir.resolve("sq.npy"), TestData.samples(9, 20, 9));
        Path picture = dir.resolve("pictures").resolve("mine.png");
        Cli.Run given = Cli.run("train", "--npy", square.toString(), "--hidden", "2", "--iterations", "2",
                "--features", picture.toString(), "--out", out.toString());
        assertEquals(0, given.exitCode(), given.transcript());
        assertTrue(Files.isRegularFile(picture));
    }

    @Test
    void gradientDescentRuns() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(4, 20, 10));
        Cli.Run run = Cli.run("train", "--npy", x.toString(), "--optimizer", "gd", "--learning-rate", "0.5",
                "--iterations", "7", "--hidden", "2", "--json", "--out", dir.resolve("gd").toString());
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        assertEquals(7.0, json.get("iterations"));
        assertTrue(ModelFile.read(dir.resolve("gd").resolve("model.sae")).metadata().extra().get("optimizer")
                .startsWith("GradientDescent[learningRate=0.5"));
    }

    @Test
    void progressLinesEveryNIterationsAndTheLast() throws Exception {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(4, 20, 11));
        Cli.Run run = Cli.run("train", "--npy", x.toString(), "--hidden", "2", "--iterations", "7",
                "--progress-every", "3", "--out", dir.resolve("p").toString());
        assertEquals(0, run.exitCode(), run.transcript());
        long lines = run.err().lines().filter(l -> l.startsWith("iteration ")).count();
        assertEquals(3, lines, run.err()); // 3, 6 and the last, 7
        assertTrue(run.err().contains("iteration 7/7 "), run.err());

        Cli.Run onTerminal = Cli.run(true, "train", "--npy", x.toString(), "--hidden", "2", "--iterations", "7",
                "--out", dir.resolve("t").toString());
        assertEquals(0, onTerminal.exitCode(), onTerminal.transcript());
        assertTrue(onTerminal.err().contains("\riteration 7/7 "), onTerminal.err());
    }

    @Test
    void precisionF32TrainsInFloat() throws Exception {
        Dataset data = TestData.samples(4, 20, 12);
        StoredModel f32 = train("f32", "--npy", TestData.writeNpy(dir.resolve("x.npy"), data).toString(),
                "--precision", "f32");
        assertEquals(Precision.F32.shortName(), f32.precision().shortName());
    }
}
