package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.deep.NetworkFile;
import org.sae4j.deep.StoredNetwork;

/** {@code sae deep}, and {@code predict} and {@code encode} on its networks. */
class DeepCommandTest {
    @TempDir
    Path dir;

    private Path data;
    private Path labels;

    private void writeData(int m) throws Exception {
        data = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(16, m, 3));
        SplittableRandom r = new SplittableRandom(4);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = r.nextInt(3) + 1;
        }
        labels = dir.resolve("y.npy");
        NpyWriter.writeI32(labels, y);
    }

    private List<String> args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("deep", "--npy", data.toString(), "--labels", labels.toString(),
                "--layers", "6,5", "--iterations", "20,15", "--softmax-iterations", "10", "--fine-tune-iterations", "20",
                "--backend", "java", "--threads", "1", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void trainsReportsAndWritesANetworkThatPredictAndEncodeRead() throws Exception {
        writeData(300);
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run(args(out, "--json").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out());
        double before = (Double) json.get("accuracyBeforeFineTuning");
        double after = (Double) json.get("accuracyAfterFineTuning");
        assertTrue(before >= 0 && before <= 1 && after >= 0 && after <= 1, run.out());
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(2, layers.size());
        for (Object l : layers) {
            Map<?, ?> layer = (Map<?, ?>) l;
            assertTrue((Double) layer.get("finalCost") > 0 && (Double) layer.get("seconds") >= 0, l.toString());
        }
        assertTrue((Double) json.get("fineTuneSeconds") > 0, run.out());
        assertEquals("java", json.get("backend"));
        assertEquals(60.0, json.get("testSamples"), "the default test fraction, 0.2");
        for (String phase : new String[] {"layer 1", "layer 2", "softmax", "fine-tune"}) {
            assertTrue(run.err().contains(phase + ": J = "), phase + "\n" + run.err());
            assertTrue(Files.size(out.resolve("cost-" + phase.replace(' ', '-') + ".png")) > 0, phase);
        }
        assertTrue(Files.size(out.resolve("features.png")) > 0, "16 values are 4 x 4 images");

        Path network = out.resolve("network.sdn");
        StoredNetwork stored = NetworkFile.read(network);
        assertTrue(stored.fineTuned());
        assertArrayEquals(new int[] {6, 5}, stored.network().network().widths());
        assertArrayEquals(new int[] {1, 2, 3}, stored.network().classLabels());

        Path predicted = dir.resolve("p.npy");
        Cli.Run predict = Cli.run("predict", network.toString(), "--npy", data.toString(), "--labels",
                labels.toString(), "--out", predicted.toString(), "--backend", "java", "--json");
        assertEquals(0, predict.exitCode(), predict.transcript());
        assertEquals(300, NpyReader.read(predicted).values().length);

        Path top = dir.resolve("top.npy");
        Cli.Run encode = Cli.run("encode", network.toString(), "--npy", data.toString(), "--out", top.toString(),
                "--backend", "java");
        assertEquals(0, encode.exitCode(), encode.transcript());
        assertEquals(300 * 5, NpyReader.read(top).values().length);
        Path first = dir.resolve("first.npy");
        Cli.Run layer1 = Cli.run("encode", network.toString(), "--layer", "1", "--npy", data.toString(), "--out",
                first.toString(), "--backend", "java");
        assertEquals(0, layer1.exitCode(), layer1.transcript());
        assertEquals(300 * 6, NpyReader.read(first).values().length);
        Cli.Run layer3 = Cli.run("encode", network.toString(), "--layer", "3", "--npy", data.toString(), "--out",
                dir.resolve("none.npy").toString());
        assertEquals(2, layer3.exitCode(), layer3.transcript());
        assertTrue(layer3.err().contains("--layer must be a layer of " + network + ": 1 to 2, got 3"), layer3.err());
    }

    @Test
    void withoutFineTuningItStopsAfterSoftmax() throws Exception {
        writeData(200);
        Path out = dir.resolve("out");
        List<String> a = args(out, "--json");
        a.set(a.indexOf("--fine-tune-iterations") + 1, "0");
        Cli.Run run = Cli.run(a.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out());
        assertEquals(null, json.get("accuracyAfterFineTuning"), "NaN is written as null");
        assertFalse(run.err().contains("fine-tune:"), run.err());
        assertFalse(NetworkFile.read(out.resolve("network.sdn")).fineTuned());
    }

    @Test
    void badInputIsOneLineWithExit2ForUsageAnd1ForDataAndNothingIsWritten() throws Exception {
        writeData(100);
        Path out = dir.resolve("out");
        assertFails(2, "--layers: layer 2 must have at least 1 unit, got 0", replaced(args(out), "--layers", "6,0"));
        assertFails(2, "--rho has 3 values for 2 layers (--layers 6,5); give one value for all or one per layer",
                with(args(out), "--rho", "0.1,0.1,0.1"));
        assertFails(2, "--iterations has 3 values for 2 layers", replaced(args(out), "--iterations", "1,2,3"));
        assertFails(2, "--fine-tune-iterations must be >= 0", replaced(args(out), "--fine-tune-iterations", "-1"));

        Path shortLabels = dir.resolve("short.npy");
        NpyWriter.writeI32(shortLabels, new int[99]);
        assertFails(1, shortLabels + " has 99 labels but " + data + " has 100 samples",
                replaced(args(out), "--labels", shortLabels.toString()));
        Path oneClass = dir.resolve("one.npy");
        NpyWriter.writeI32(oneClass, new int[100]);
        assertFails(1, oneClass + ": the training labels have 1 class; a classifier needs at least 2",
                replaced(args(out), "--labels", oneClass.toString()));
        assertFalse(Files.exists(out.resolve("network.sdn")), "nothing is written");

        Cli.Run good = Cli.run(args(out).toArray(String[]::new));
        assertEquals(0, good.exitCode(), good.transcript());
        Path other = TestData.writeNpy(dir.resolve("other.npy"), TestData.samples(9, 10, 1));
        Path network = out.resolve("network.sdn");
        Cli.Run predict = Cli.run("predict", network.toString(), "--npy", other.toString(), "--out",
                dir.resolve("p.npy").toString());
        assertEquals(1, predict.exitCode(), predict.transcript());
        assertTrue(predict.err().startsWith("sae: error: " + other + ": 9 values per sample, but the network " + network),
                predict.err());
        assertEquals(1, predict.err().lines().count(), predict.err());
        assertFalse(Files.exists(dir.resolve("p.npy")));
        Cli.Run withModel = Cli.run("predict", network.toString(), "--model", network.toString(), "--npy",
                data.toString(), "--out", dir.resolve("p.npy").toString());
        assertEquals(2, withModel.exitCode(), withModel.transcript());
        Cli.Run asModel = Cli.run("classify", "--npy", data.toString(), "--labels", labels.toString(), "--model",
                network.toString());
        assertEquals(1, asModel.exitCode(), asModel.transcript());
        assertTrue(asModel.err().contains("not an sae4j model file"), asModel.err());
    }

    private void assertFails(int exit, String message, List<String> args) {
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertEquals(exit, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("sae: error:")).count(), run.err());
        assertTrue(run.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace\n" + run.err());
    }

    private static List<String> replaced(List<String> args, String option, String value) {
        args.set(args.indexOf(option) + 1, value);
        return args;
    }

    private static List<String> with(List<String> args, String option, String value) {
        args.addAll(List.of(option, value));
        return args;
    }

    /** Killed by SIGKILL in layer 2 or in fine-tuning, then resumed on two threads: the same network bits. */
    @ParameterizedTest(name = "killed in {0}")
    @ValueSource(strings = {"layer 2", "fine-tune"})
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aRunKilledInAnyPhaseResumesBitwise(String phase) throws Exception {
        writeData(2000);
        Path whole = dir.resolve("whole");
        Cli.Run uninterrupted = Cli.run(args(whole).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.transcript());
        StoredNetwork expected = NetworkFile.read(whole.resolve("network.sdn"));

        Path out = dir.resolve("killed");
        Path checkpoint = out.resolve("checkpoints").resolve(phase.equals("layer 2") ? "layer-2.ckpt" : "fine-tune.ckpt");
        boolean[] inPhase = {false};
        String err = KilledRun.runAndKill(dir, args(out, "--checkpoint-every", "4", "--progress-every", "1"), line -> {
            if (line.startsWith(phase + ": ")) {
                inPhase[0] = true;
            }
            return inPhase[0] && KilledRun.iteration(line) >= 6 && Files.exists(checkpoint);
        });
        assertFalse(Files.exists(out.resolve("network.sdn")), err);

        List<String> resume = args(out, "--checkpoint-every", "4", "--resume", out.resolve("checkpoints").toString());
        resume.set(resume.indexOf("--threads") + 1, "2");
        Cli.Run resumed = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.transcript());
        assertTrue(resumed.err().contains(phase + ": ") && resumed.err().contains("resuming from " + checkpoint),
                resumed.err());
        StoredNetwork actual = NetworkFile.read(out.resolve("network.sdn"));
        assertArrayEquals(expected.network().theta(), actual.network().theta());
    }
}
