package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.train.CheckpointFile;

/**
 * {@code sae train --checkpoint-every} killed with SIGKILL, then {@code --resume}d on another thread count,
 * ends bitwise equal to the run that was never interrupted.
 */
class ResumeAfterKillTest {
    private static final int ITERATIONS = 40;

    @TempDir
    Path dir;

    private List<String> trainArgs(Path data, Path out, String optimizer, String precision, int threads) {
        return new ArrayList<>(List.of("train", "--npy", data.toString(), "--hidden", "36", "--optimizer", optimizer,
                "--precision", precision, "--iterations", Integer.toString(ITERATIONS), "--backend", "java",
                "--threads", Integer.toString(threads), "--out", out.toString()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lbfgs, f64", "lbfgs, f32", "gd, f64", "gd, f32"})
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aRunKilledAndResumedEndsBitwiseEqualToTheUninterruptedRun(String optimizer, String precision)
            throws Exception {
        Path data = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(64, 8000, 5));
        Path whole = dir.resolve("whole");
        Cli.Run uninterrupted = Cli.run(trainArgs(data, whole, optimizer, precision, 1).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.transcript());
        StoredModel expected = ModelFile.read(whole.resolve("model.sae"));
        assertEquals(ITERATIONS, expected.metadata().iterations(), "the run must use its whole budget");

        Path out = dir.resolve("killed");
        Path checkpoint = out.resolve("checkpoint.ckpt");
        List<String> killed = trainArgs(data, out, optimizer, precision, 1);
        killed.addAll(List.of("--checkpoint-every", "5", "--progress-every", "1"));
        int killedAt = runAndKill(killed, checkpoint);
        assertFalse(Files.exists(out.resolve("model.sae")), "killed before it finished, at iteration " + killedAt);
        int resumedFrom = CheckpointFile.read(checkpoint).state().iterations();
        assertTrue(resumedFrom >= 5 && resumedFrom < ITERATIONS && resumedFrom % 5 == 0, "checkpoint " + resumedFrom);

        List<String> resume = trainArgs(data, out, optimizer, precision, 2);
        resume.addAll(List.of("--resume", checkpoint.toString(), "--checkpoint-every", "5", "--progress-every", "1"));
        Cli.Run resumed = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.transcript());
        assertTrue(resumed.err().contains("resuming from " + checkpoint + " after iteration " + resumedFrom),
                resumed.err());
        String firstProgress = resumed.err().lines().filter(l -> l.startsWith("iteration ")).findFirst().orElse("");
        assertTrue(firstProgress.startsWith("iteration " + (resumedFrom + 1) + "/"),
                "the resumed run goes on from the checkpoint: " + firstProgress);
        StoredModel actual = ModelFile.read(out.resolve("model.sae"));
        assertArrayEquals(bits(expected.model().theta()), bits(actual.model().theta()), "theta");
        assertEquals(expected.metadata().iterations(), actual.metadata().iterations(), "iterations");
        assertEquals(expected.metadata().evaluations(), actual.metadata().evaluations(), "evaluations");
        assertEquals(Double.doubleToRawLongBits(expected.metadata().finalCost()),
                Double.doubleToRawLongBits(actual.metadata().finalCost()), "J");
        assertEquals(ITERATIONS, CheckpointFile.read(checkpoint).state().iterations(), "the last checkpoint");
    }

    @Test
    void aCheckpointOfAnotherRunOrADamagedOneIsRefusedInOneLine() throws Exception {
        Path data = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(16, 300, 5));
        Path out = dir.resolve("o");
        Cli.Run first = Cli.run("train", "--npy", data.toString(), "--hidden", "5", "--iterations", "4",
                "--backend", "java", "--checkpoint-every", "2", "--out", out.toString());
        assertEquals(0, first.exitCode(), first.transcript());
        Path checkpoint = out.resolve("checkpoint.ckpt");

        Cli.Run otherHidden = Cli.run("train", "--npy", data.toString(), "--hidden", "6", "--backend", "java",
                "--resume", checkpoint.toString(), "--out", dir.resolve("p").toString());
        assertEquals(1, otherHidden.exitCode(), otherHidden.transcript());
        assertEquals(1, otherHidden.err().lines().filter(l -> l.startsWith("sae: error:")).count(), otherHidden.err());
        assertTrue(otherHidden.err().contains(checkpoint + " is a checkpoint of another run: hidden differs:"
                + " the checkpoint has 5, this run has 6"), otherHidden.err());
        assertFalse(Files.exists(dir.resolve("p").resolve("model.sae")));

        Cli.Run otherLambda = Cli.run("train", "--npy", data.toString(), "--hidden", "5", "--lambda", "0.01",
                "--backend", "java", "--resume", checkpoint.toString(), "--out", dir.resolve("q").toString());
        assertEquals(1, otherLambda.exitCode(), otherLambda.transcript());
        assertTrue(otherLambda.err().contains("lambda differs"), otherLambda.err());

        Cli.Run further = Cli.run("train", "--npy", data.toString(), "--hidden", "5", "--iterations", "8",
                "--threads", "2", "--backend", "java", "--resume", checkpoint.toString(), "--out", out.toString());
        assertEquals(0, further.exitCode(), further.transcript());
        assertEquals(8, ModelFile.read(out.resolve("model.sae")).metadata().iterations());

        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 1;
        Path damaged = Files.write(dir.resolve("damaged.ckpt"), bytes);
        Cli.Run corrupt = Cli.run("train", "--npy", data.toString(), "--hidden", "5", "--backend", "java",
                "--resume", damaged.toString(), "--out", dir.resolve("r").toString());
        assertEquals(1, corrupt.exitCode(), corrupt.transcript());
        assertTrue(corrupt.err().startsWith("sae: error: " + damaged + ": checksum mismatch"), corrupt.err());

        Cli.Run zero = Cli.run("train", "--npy", data.toString(), "--checkpoint-every", "0");
        assertEquals(2, zero.exitCode(), zero.transcript());
        assertTrue(zero.err().contains("--checkpoint-every"), zero.err());
    }

    /** Kills the run once it has written a checkpoint and gone on past iteration 12; returns that iteration. */
    private int runAndKill(List<String> args, Path checkpoint) throws Exception {
        int[] at = {0};
        KilledRun.runAndKill(dir, args, line -> {
            int i = KilledRun.iteration(line);
            if (i >= 0) {
                at[0] = i;
            }
            return i >= 12 && Files.exists(checkpoint);
        });
        return at[0];
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
