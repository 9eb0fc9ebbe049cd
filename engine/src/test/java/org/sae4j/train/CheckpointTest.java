package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.optim.GradientDescent;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;

/** Checkpoints through the trainer, and the checkpoint file's own checks. */
class CheckpointTest {
    private static final SparseAutoencoderConfig CONFIG = new SparseAutoencoderConfig(36, 9, 0.05, 1e-4, 3);

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        return Stream.of(Precision.F64, Precision.F32).flatMap(p -> Stream.of(
                Arguments.of(p, Lbfgs.builder().maxIterations(30).build()),
                Arguments.of(p, GradientDescent.builder().maxIterations(30).build())));
    }

    private static Dataset data(Precision precision) {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] x = new double[36 * 700];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofDoubles(36, 700, x).toPrecision(precision);
    }

    private static EvaluationSettings settings(Precision precision, int threads) {
        return EvaluationSettings.of(new JavaBackend(), precision).withThreads(threads).withChunkSize(128);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void resumingFromAnyCheckpointOnOtherThreadsGivesTheUninterruptedModel(Precision precision, Optimizer opt)
            throws IOException {
        Dataset data = data(precision);
        TrainingResult whole = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(precision, 1))
                .withOptimizer(opt)
                .withSeed(3)).train(data);
        assertEquals(30, whole.iterations(), "the run must use its budget");

        Path file = dir.resolve("run.ckpt");
        Trainer crashing = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(precision, 2))
                .withOptimizer(opt)
                .withSeed(3)
                .withCheckpoints(file, 7)
                .withListener(info -> {
                    if (info.iteration() == 17) {
                        throw new IllegalStateException("stop here, as a crash would");
                    }
                }));
        assertThrows(IllegalStateException.class, () -> crashing.train(data));
        Checkpoint checkpoint = CheckpointFile.read(file);
        assertEquals(14, checkpoint.state().iterations(), "the last checkpoint before the crash");

        TrainingResult resumed = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(precision, 3))
                .withOptimizer(opt)
                .withResume(checkpoint)).train(data);
        assertArrayEquals(bits(whole.model().theta()), bits(resumed.model().theta()), "theta");
        assertEquals(whole.iterations(), resumed.iterations());
        assertEquals(whole.evaluations(), resumed.evaluations());
        assertArrayEquals(bits(whole.costHistory()), bits(resumed.costHistory()), "cost history");
        assertEquals(whole.termination(), resumed.termination());
    }

    @Test
    void theLastIterationOfTheBudgetIsCheckpointedSoARunCanGoFurther() throws IOException {
        Dataset data = data(Precision.F64);
        Path file = dir.resolve("run.ckpt");
        Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 2))
                .withOptimizer(Lbfgs.builder().maxIterations(12).build())
                .withCheckpoints(file, 5)).train(data);
        Checkpoint checkpoint = CheckpointFile.read(file);
        assertEquals(12, checkpoint.state().iterations());
        Optimizer longer = Lbfgs.builder().maxIterations(25).build();
        TrainingResult further = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 1))
                .withOptimizer(longer)
                .withResume(checkpoint)).train(data);
        TrainingResult whole = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 1))
                .withOptimizer(longer)).train(data);
        assertArrayEquals(bits(whole.model().theta()), bits(further.model().theta()));
        assertEquals(25, further.iterations());
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingWhatDiffers() throws IOException {
        Dataset data = data(Precision.F64);
        Path file = dir.resolve("run.ckpt");
        Optimizer opt = Lbfgs.builder().maxIterations(3).build();
        Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 2))
                .withOptimizer(opt)
                .withCheckpoints(file, 1)).train(data);
        Checkpoint checkpoint = CheckpointFile.read(file);

        TrainingSpec resume = TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 2))
                .withOptimizer(opt)
                .withResume(checkpoint);
        SparseAutoencoderConfig otherLambda = new SparseAutoencoderConfig(36, 9, 0.05, 2e-4, 3);
        assertMismatch("lambda differs", Trainer.of(otherLambda, resume), data);
        Dataset otherData = Dataset.ofDoubles(36, 700, data.doubles().clone());
        otherData.doubles()[5] += 1e-9;
        assertMismatch("data sha-256 differs", Trainer.of(CONFIG, resume), otherData);
        assertMismatch("chunk differs", Trainer.of(CONFIG, resume
                .withSettings(settings(Precision.F64, 2).withChunkSize(64))), data);
        assertMismatch("precision differs", Trainer.of(CONFIG, resume
                .withSettings(settings(Precision.F32, 2))), data.toPrecision(Precision.F32));
        assertMismatch("optimizer differs", Trainer.of(CONFIG, resume
                .withOptimizer(Lbfgs.builder().history(4).build())), data);
        // neither the budget nor the thread count is part of the fingerprint
        Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 1))
                .withOptimizer(Lbfgs.builder().maxIterations(5).build())
                .withResume(checkpoint)).train(data);
    }

    private static void assertMismatch(String expected, Trainer trainer, Dataset data) {
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> trainer.train(data));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void fingerprintsCompareFieldByField() {
        Map<String, String> a = new LinkedHashMap<>(Map.of("hidden", "25"));
        assertNull(RunFingerprint.mismatch(a, Map.of("hidden", "25")));
        assertEquals("hidden differs: the checkpoint has 36, this run has 25",
                RunFingerprint.mismatch(a, Map.of("hidden", "36")));
        assertEquals("hidden differs: the checkpoint has none, this run has 25", RunFingerprint.mismatch(a, Map.of()));
        assertTrue(RunFingerprint.mismatch(a, Map.of("hidden", "25", "colour", "red")).contains("colour"));
    }

    /** A checkpoint of a build that cut 512-sample chunks and a short last one gave other bits: refused. */
    @Test
    void aCheckpointOfTheOldChunkingIsRefusedByName() {
        Dataset data = Dataset.ofDoubles(CONFIG.visible(), 40, new double[CONFIG.visible() * 40]);
        Map<String, String> now = RunFingerprint.of(CONFIG, data, settings(Precision.F64, 1).withChunkSize(512),
                Lbfgs.withDefaults());
        assertEquals("near-equal", now.get("chunking"));
        assertEquals("512", now.get("chunk"));
        Map<String, String> old = new LinkedHashMap<>(now);
        old.remove("chunking");
        assertEquals("chunking differs: the checkpoint has none, this run has near-equal",
                RunFingerprint.mismatch(now, old));
        assertEquals("auto", RunFingerprint.of(CONFIG, data, settings(Precision.F64, 1)
                .withChunkSize(EvaluationSettings.AUTO_CHUNK), Lbfgs.withDefaults()).get("chunk"));
    }

    @Test
    void everyDamagedOrTruncatedFileIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("run.ckpt");
        Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 1))
                .withOptimizer(Lbfgs.builder().history(2).maxIterations(3).build())
                .withCheckpoints(file, 3)).train(data(Precision.F64));
        byte[] good = Files.readAllBytes(file);
        Checkpoint original = CheckpointFile.read(file);
        Path bad = dir.resolve("bad.ckpt");
        for (int length = 0; length < good.length; length += length < 200 ? 1 : 97) {
            Files.write(bad, Arrays.copyOf(good, length));
            assertRefused(bad, "truncated to " + length);
        }
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 400; i++) {
            byte[] damaged = good.clone();
            int at = i < 120 ? i : rnd.nextInt(good.length);
            damaged[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(bad, damaged);
            assertRefused(bad, "a bit flipped at " + at);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        Files.write(bad, longer);
        assertRefused(bad, "a byte appended");
        CheckpointFormatException folder = assertThrows(CheckpointFormatException.class,
                () -> CheckpointFile.read(dir));
        assertTrue(folder.getMessage().contains("a folder"), folder.getMessage());

        Checkpoint again = CheckpointFile.read(file);
        assertEquals(original.fingerprint(), again.fingerprint());
        for (String name : original.state().arrayNames()) {
            assertArrayEquals(original.state().array(name), again.state().array(name), name);
        }
        assertTrue(original.state().arrayLength("s1") > 0, "two pairs stored: " + original.state());
    }

    private static void assertRefused(Path file, String what) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointFile.read(file),
                what);
        assertTrue(e.getMessage().startsWith(file.toString()), what + ": " + e.getMessage());
    }

    @Test
    void aCheckpointThatCannotBeWrittenEndsTheRunNamingIt() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("taken.ckpt"));
        Trainer trainer = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(settings(Precision.F64, 1))
                .withOptimizer(Lbfgs.builder().maxIterations(3).build())
                .withCheckpoints(folder, 1));
        Dataset data = data(Precision.F64);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> trainer.train(data));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertFalse(Files.isRegularFile(folder));
        assertThrows(IllegalArgumentException.class, () -> TrainingSpec.defaults().withCheckpoints(folder, 0));
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
