package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.classify.ClassifierFile;
import org.sae4j.classify.StoredClassifier;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;
import org.sae4j.data.NpyWriter;
import org.sae4j.model.ModelFile;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.StoredModel;
import org.sae4j.model.TrainedModel;
import org.sae4j.precision.Precision;

/** {@code sae classify} and {@code sae predict} on clusters with known labels. */
class ClassifyCommandTest {
    private static final int V = 8;
    private static final int[] NAMES = {2, 5, 7};

    @TempDir
    Path dir;

    private Path x;
    private Path y;
    private Path testX;
    private Path testY;
    private Path model;

    /** Three clusters, labelled 2, 5 and 7, around different corners. */
    private static Labels.Labelled clusters(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] values = new double[V * m];
        int[] labels = new int[m];
        for (int s = 0; s < m; s++) {
            int c = r.nextInt(3);
            labels[s] = NAMES[c];
            for (int j = 0; j < V; j++) {
                values[s * V + j] = (j % 3 == c ? 0.8 : 0.2) + 0.15 * r.nextGaussian();
            }
        }
        return new Labels.Labelled(Dataset.ofDoubles(V, m, values), labels);
    }

    @BeforeEach
    void writeData() throws Exception {
        Labels.Labelled train = clusters(300, 1);
        Labels.Labelled test = clusters(120, 2);
        x = TestData.writeNpy(dir.resolve("x.npy"), train.samples());
        y = dir.resolve("y.npy");
        NpyWriter.writeI32(y, train.labels());
        testX = TestData.writeNpy(dir.resolve("tx.npy"), test.samples());
        testY = dir.resolve("ty.npy");
        NpyWriter.writeI32(testY, test.labels());
        model = dir.resolve("m.sae");
        ModelFile.write(model, new StoredModel(new TrainedModel(new SparseAutoencoderConfig(V, 5, 0.1, 1e-4, 3),
                TestData.distinctTheta(V, 5, 3)), Precision.F64, new ModelMetadata("test", 0, 1, Double.NaN, 0,
                "java", 1, 0, Instant.EPOCH, Map.of())));
    }

    private static Map<String, Object> json(Cli.Run run) {
        assertEquals(0, run.exitCode(), run.transcript());
        return MiniJson.parseObject(run.out().strip());
    }

    private static double number(Map<String, Object> json, String key) {
        return ((Number) json.get(key)).doubleValue();
    }

    @Test
    void rawInputsOnATestFileGiveAccuracyPerClassAndConfusion() {
        Map<String, Object> j = json(Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(),
                "--test-npy", testX.toString(), "--test-labels", testY.toString(), "--backend", "java", "--json"));
        assertTrue(number(j, "accuracy") >= 0.95, "accuracy " + j.get("accuracy"));
        assertEquals(120.0, number(j, "testSamples"));
        assertEquals(300.0, number(j, "trainSamples"));
        @SuppressWarnings("unchecked")
        Map<String, Object> perClass = (Map<String, Object>) j.get("perClassAccuracy");
        assertEquals(List.of("2", "5", "7"), List.copyOf(perClass.keySet()));
        @SuppressWarnings("unchecked")
        List<List<Number>> confusion = (List<List<Number>>) j.get("confusion");
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                total += confusion.get(t).get(p).longValue();
                diagonal += t == p ? confusion.get(t).get(p).longValue() : 0;
            }
        }
        assertEquals(120, total);
        assertEquals(number(j, "correct"), diagonal);
        assertEquals(diagonal / 120.0, number(j, "accuracy"), 1e-15);
        assertNull(j.get("raw"));
    }

    @Test
    void textReportHasTheConfusionMatrix() {
        Cli.Run run = Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(), "--backend", "java");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("raw inputs: test accuracy"), run.out());
        assertTrue(run.out().contains("predicted as:"), run.out());
        assertTrue(run.err().contains("held out 60 of 300 samples as the test set (seed 0)"), run.err());
    }

    @Test
    void heldOutSplitFollowsTheSeed() {
        String[] base = {"classify", "--npy", x.toString(), "--labels", y.toString(), "--test-fraction", "0.3",
                "--backend", "java", "--json", "--seed"};
        Map<String, Object> a = json(Cli.run(concat(base, "4")));
        Map<String, Object> b = json(Cli.run(concat(base, "4")));
        assertEquals(90.0, number(a, "testSamples"));
        assertEquals(a.get("confusion"), b.get("confusion"));
        assertEquals(a.get("accuracy"), b.get("accuracy"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void modelFeaturesWithCompareRawSavedAndPredicted() throws Exception {
        Path saved = dir.resolve("c.smx");
        Map<String, Object> j = json(Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(),
                "--test-npy", testX.toString(), "--test-labels", testY.toString(), "--model", model.toString(),
                "--compare-raw", "--save", saved.toString(), "--backend", "java", "--json"));
        assertEquals(5.0, number(j, "features"));
        assertNotNull(j.get("rawAccuracy"));
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) j.get("raw");
        assertEquals(V, number(raw, "features"));
        assertEquals(number(raw, "accuracy"), number(j, "rawAccuracy"));
        assertTrue(number(j, "encodeTrainMillis") >= 0);

        StoredClassifier stored = ClassifierFile.read(saved);
        assertTrue(stored.usesEncoder());
        assertEquals(V, stored.inputs());
        assertArrayEquals(NAMES, stored.classifier().classLabels());

        Path out = dir.resolve("pred.npy");
        Map<String, Object> p = json(Cli.run("predict", saved.toString(), "--model", model.toString(), "--npy",
                testX.toString(), "--labels", testY.toString(), "--out", out.toString(), "--backend", "java",
                "--json"));
        assertEquals(number(j, "accuracy"), number(p, "accuracy"), 0.0, "predict agrees with classify's test");
        int[] predicted = Labels.read(out);
        assertEquals(120, predicted.length);
        for (int label : predicted) {
            assertTrue(label == 2 || label == 5 || label == 7, "label " + label);
        }
    }

    @Test
    void predictRefusesAnotherModelOrNone() throws Exception {
        Path saved = dir.resolve("c.smx");
        assertEquals(0, Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(), "--model",
                model.toString(), "--save", saved.toString(), "--backend", "java").exitCode());
        Path other = dir.resolve("other.sae");
        ModelFile.write(other, new StoredModel(new TrainedModel(new SparseAutoencoderConfig(V, 5, 0.1, 1e-4, 3),
                TestData.distinctTheta(V, 5, 4)), Precision.F64, new ModelMetadata("test", 0, 1, Double.NaN, 0,
                "java", 1, 0, Instant.EPOCH, Map.of())));
        Path out = dir.resolve("pred.npy");
        Cli.Run wrong = Cli.run("predict", saved.toString(), "--model", other.toString(), "--npy", testX.toString(),
                "--out", out.toString());
        assertEquals(1, wrong.exitCode(), wrong.transcript());
        assertTrue(wrong.err().contains("is not the model"), wrong.err());
        Cli.Run none = Cli.run("predict", saved.toString(), "--npy", testX.toString(), "--out", out.toString());
        assertEquals(2, none.exitCode(), none.transcript());
        assertTrue(none.err().contains("give that model with --model"), none.err());
        assertFalse(Files.exists(out));
    }

    /** A damaged classifier, model or checkpoint is one line naming the file and the fault, not an "I/O error". */
    @Test
    void aDamagedClassifierIsNamedAsDamaged() throws Exception {
        Path saved = dir.resolve("c.smx");
        assertEquals(0, Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(), "--save", saved.toString(),
                "--backend", "java").exitCode());
        byte[] bytes = Files.readAllBytes(saved);
        bytes[bytes.length / 2] ^= 1;
        Files.write(saved, bytes);
        Cli.Run run = Cli.run("predict", saved.toString(), "--npy", testX.toString(), "--out",
                dir.resolve("p.npy").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("sae: error: " + saved + ": checksum mismatch"), run.transcript());
        assertFalse(run.err().contains("I/O error"), run.transcript());
    }

    @Test
    void rawClassifierPredictsWhatClassifyCounted() throws Exception {
        Path saved = dir.resolve("raw.smx");
        Map<String, Object> j = json(Cli.run("classify", "--npy", x.toString(), "--labels", y.toString(),
                "--test-npy", testX.toString(), "--test-labels", testY.toString(), "--save", saved.toString(),
                "--backend", "java", "--json"));
        Path out = dir.resolve("pred.npy");
        Map<String, Object> p = json(Cli.run("predict", saved.toString(), "--npy", testX.toString(), "--labels",
                testY.toString(), "--out", out.toString(), "--json"));
        assertEquals(number(j, "correct"), number(p, "correct"));
        Cli.Run withModel = Cli.run("predict", saved.toString(), "--model", model.toString(), "--npy",
                testX.toString(), "--out", out.toString());
        assertEquals(2, withModel.exitCode(), withModel.transcript());
    }

    @Test
    void csvWithALabelColumn() throws Exception {
        Labels.Labelled train = clusters(200, 5);
        StringBuilder csv = new StringBuilder("a,b,c,d,label,e,f,g,h\n");
        for (int s = 0; s < 200; s++) {
            for (int j = 0; j < V; j++) {
                if (j == 4) {
                    csv.append(train.labels()[s]).append(',');
                }
                csv.append(String.format(Locale.ROOT, "%.17g", train.samples().get(j, s))).append(j + 1 < V ? "," : "");
            }
            csv.append('\n');
        }
        Path file = Files.writeString(dir.resolve("t.csv"), csv);
        Map<String, Object> j = json(Cli.run("classify", "--csv", file.toString(), "--label-column", "4",
                "--backend", "java", "--json"));
        assertEquals(40.0, number(j, "testSamples"));
        assertTrue(number(j, "accuracy") >= 0.9, "accuracy " + j.get("accuracy"));

        Cli.Run outOfRange = Cli.run("classify", "--csv", file.toString(), "--label-column", "9");
        assertEquals(1, outOfRange.exitCode(), outOfRange.transcript());
        assertTrue(outOfRange.err().contains("label column 9 does not exist; its rows have 9 columns"),
                outOfRange.err());
        Cli.Run notALabel = Cli.run("classify", "--csv", file.toString(), "--label-column", "0");
        assertEquals(1, notALabel.exitCode(), notALabel.transcript());
        assertTrue(notALabel.err().contains("sample 0, column 0 is"), notALabel.err());
        assertTrue(notALabel.err().contains("labels must be whole numbers >= 0"), notALabel.err());
    }

    @Test
    void labelErrorsNameTheFiles() throws Exception {
        Path short9 = dir.resolve("short.npy");
        NpyWriter.writeI32(short9, new int[299]);
        Cli.Run count = Cli.run("classify", "--npy", x.toString(), "--labels", short9.toString());
        assertEquals(1, count.exitCode(), count.transcript());
        assertTrue(count.err().contains(short9 + " has 299 labels but " + x + " has 300 samples"), count.err());

        int[] negative = Labels.read(y);
        negative[17] = -3;
        Path neg = dir.resolve("neg.npy");
        NpyWriter.writeI32(neg, negative);
        Cli.Run minus = Cli.run("classify", "--npy", x.toString(), "--labels", neg.toString());
        assertEquals(1, minus.exitCode(), minus.transcript());
        assertTrue(minus.err().contains(neg + ": label 17 is -3.0; labels must be whole numbers >= 0"), minus.err());

        double[] fractional = new double[300];
        fractional[3] = 1.5;
        Path frac = dir.resolve("frac.npy");
        NpyWriter.writeF64(frac, new int[] {300}, fractional);
        Cli.Run half = Cli.run("classify", "--npy", x.toString(), "--labels", frac.toString());
        assertEquals(1, half.exitCode(), half.transcript());
        assertTrue(half.err().contains("label 3 is 1.5"), half.err());
    }

    @Test
    void usageErrorsExitWith2() {
        String[][] cases = {
            {"classify", "--npy", x.toString()},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--label-column", "1"},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--test-npy", testX.toString()},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--test-labels", testY.toString()},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--test-fraction", "1"},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--compare-raw"},
            {"classify", "--npy", x.toString(), "--labels", y.toString(), "--test-npy", testX.toString(),
                "--test-labels", testY.toString(), "--test-fraction", "0.2"},
        };
        for (String[] args : cases) {
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run.transcript());
            assertTrue(run.err().contains("(see 'sae classify --help')"), run.err());
        }
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String[] c : new String[][] {{"classify", "--test-fraction"}, {"predict", "--model"},
            {"self-taught", "--unlabelled-classes"}}) {
            Cli.Run help = Cli.run(c[0], "--help");
            assertEquals(0, help.exitCode(), help.transcript());
            assertTrue(help.out().contains(c[1]) && help.out().contains("--json"), help.out());
        }
    }
}
