package org.sae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyWriter;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Lbfgs;
import org.sae4j.precision.Precision;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/** SparkTrain and SparkEval run in this JVM on local[2], as spark-submit would run them. */
class SparkCommandsTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(boolean train, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = train ? SparkTrain.run(args, new PrintWriter(out, true), new PrintWriter(err, true))
                : SparkEval.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Dataset samples(int v, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(0.1, 0.9);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    /** Writes samples [from, from + count) as an NPY part (count, v). */
    private static void writePart(Path file, Dataset data, int from, int count) throws IOException {
        double[] rows = new double[count * data.features()];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < data.features(); i++) {
                rows[s * data.features() + i] = data.get(i, from + s);
            }
        }
        NpyWriter.writeF64(file, new int[] {count, data.features()}, rows);
    }

    @Test
    void sparkTrainOnAFolderOfPartsWritesTheModelTheEngineWouldTrain() throws IOException {
        Dataset data = samples(16, 700, 1);
        Path parts = Files.createDirectory(dir.resolve("parts"));
        writePart(parts.resolve("part-0.npy"), data, 0, 250);
        writePart(parts.resolve("part-1.npy"), data, 250, 300);
        writePart(parts.resolve("part-2.npy"), data, 550, 150);
        Path out = dir.resolve("out");
        Run r = run(true, "--npy", parts.toUri().toString(), "--hidden", "5", "--iterations", "15", "--seed", "3",
                "--backend", "java", "--threads", "1", "--master", "local[2]", "--partitions", "3", "--block", "100",
                "--out", out.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"iterations\":15"), r.out());
        assertTrue(r.err().contains("iteration 15/15"), r.err());
        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(16, Files.readAllLines(out.resolve("cost.csv")).size() - 1, "J at θ0 and after each iteration");
        Map<String, String> provenance = model.metadata().extra();
        assertEquals("--backend java", provenance.get("backendChoice"), "recorded as sae train records it");
        assertEquals("100", provenance.get("chunk"), "blocks of 100 samples are one chunk each");
        assertTrue(provenance.get("spark").endsWith("3 partitions, blocks of 100"), provenance.toString());

        SparseAutoencoderConfig config = SparseAutoencoderConfig.ufldl(16, 5);
        TrainingResult engine = Trainer.of(config, TrainingSpec.defaults()
                .withSeed(3)
                .withSettings(EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1))
                .withOptimizer(Lbfgs.builder().maxIterations(15).build())).train(data);
        double relative = Math.abs(model.metadata().finalCost() - engine.finalCost()) / engine.finalCost();
        assertTrue(relative < 1e-9, model.metadata().finalCost() + " against " + engine.finalCost());
    }

    @Test
    void sparkEvalPrintsWhatSaeEvalPrints() throws IOException {
        Dataset data = samples(16, 500, 2);
        Path x = dir.resolve("x.npy");
        writePart(x, data, 0, 500);
        SparseAutoencoderConfig config = SparseAutoencoderConfig.ufldl(16, 6);
        double[] theta = config.initialParameters(4);
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        Run r = run(false, "--theta", thetaFile.toString(), "--npy", x.toString(), "--backend", "java",
                "--master", "local[2]", "--partitions", "2", "--block", "128", "--json");
        assertEquals(0, r.exitCode(), r.err());
        double j;
        try (SparseAutoencoderObjective engine = new SparseAutoencoderObjective(config, data,
                EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1))) {
            j = engine.evaluate(theta, new double[theta.length]);
        }
        String json = r.out().strip();
        for (String key : new String[] {"\"cost\":", "\"visible\":16", "\"hidden\":6", "\"samples\":500",
                "\"gradient\":null", "\"backend\":\"java\"", "\"backendChoice\":", "\"precision\":\"f64\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        double cost = Double.parseDouble(json.replaceAll(".*\"cost\":([^,]*),.*", "$1"));
        assertTrue(Math.abs(cost - j) / j < 1e-12, cost + " against " + j);
    }

    @Test
    void aDamagedPartIsNamedInOneLineAndABadOptionIsAUsageError() throws IOException {
        Dataset data = samples(16, 200, 3);
        Path parts = Files.createDirectory(dir.resolve("bad"));
        writePart(parts.resolve("a.npy"), data, 0, 100);
        writePart(parts.resolve("b.npy"), data, 100, 100);
        byte[] bytes = Files.readAllBytes(parts.resolve("b.npy"));
        Files.write(parts.resolve("b.npy"), java.util.Arrays.copyOf(bytes, bytes.length - 40));
        Run r = run(true, "--npy", parts.toString(), "--backend", "java", "--master", "local[2]",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("sae4j-spark: error:")).findFirst().orElse(r.err());
        assertTrue(error.contains("b.npy (part 1 of 2)") && error.contains("truncated"), error);
        assertTrue(!Files.exists(dir.resolve("o").resolve("model.sae")));

        Run usage = run(true, "--npy", parts.toString(), "--rho", "2");
        assertEquals(2, usage.exitCode(), usage.err());
        assertTrue(usage.err().contains("--rho must be in (0, 1)"), usage.err());
    }

    @Test
    void sparkTrainCheckpointsToAHadoopPathAndResumesBitwise() throws IOException {
        Dataset data = samples(12, 400, 5);
        Path x = dir.resolve("x.npy");
        writePart(x, data, 0, 400);
        String checkpoint = dir.resolve("ckpt").resolve("run.ckpt").toUri().toString();
        String[] common = {"--npy", x.toString(), "--hidden", "4", "--backend", "java", "--master", "local[2]",
            "--block", "100", "--partitions", "2"};
        Run straight = run(true, concat(common, "--iterations", "8", "--out", dir.resolve("a").toString()));
        assertEquals(0, straight.exitCode(), straight.err());
        Run first = run(true, concat(common, "--iterations", "4", "--checkpoint-every", "2", "--checkpoint", checkpoint,
                "--out", dir.resolve("b").toString()));
        assertEquals(0, first.exitCode(), first.err());
        Run resumed = run(true, concat(common, "--iterations", "8", "--resume", checkpoint, "--out",
                dir.resolve("c").toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from " + checkpoint + " after iteration 4"), resumed.err());
        assertArrayEquals(ModelFile.read(dir.resolve("a").resolve("model.sae")).model().theta(),
                ModelFile.read(dir.resolve("c").resolve("model.sae")).model().theta());

        // an application's re-attempt runs the same command again: it finds the checkpoint and goes on
        String retried = dir.resolve("ckpt").resolve("retried.ckpt").toUri().toString();
        Run died = run(true, concat(common, "--iterations", "3", "--checkpoint-every", "1", "--checkpoint", retried,
                "--out", dir.resolve("d").toString()));
        assertEquals(0, died.exitCode(), died.err());
        Run again = run(true, concat(common, "--iterations", "8", "--checkpoint-every", "1", "--checkpoint", retried,
                "--out", dir.resolve("e").toString()));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("resuming from " + retried + " (found there: an earlier attempt's) after"
                + " iteration 3"), again.err());
        assertArrayEquals(ModelFile.read(dir.resolve("a").resolve("model.sae")).model().theta(),
                ModelFile.read(dir.resolve("e").resolve("model.sae")).model().theta());
        Run other = run(true, concat(common, "--rho", "0.2", "--iterations", "8", "--checkpoint-every", "1",
                "--checkpoint", retried, "--out", dir.resolve("f").toString()));
        assertEquals(1, other.exitCode(), other.err());
        assertTrue(other.err().contains("is a checkpoint of another run") && other.err().contains("remove it"),
                other.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The options shared with sae: the same names, defaults, checks and exit code, and all of them. */
    @Test
    void theSparkCommandsTakeSaesOptionsWithItsChecks() {
        Run badRho = run(true, "--npy", "x.npy", "--rho", "2");
        assertEquals(2, badRho.exitCode(), badRho.err());
        assertTrue(badRho.err().contains("--rho must be in (0, 1), got 2.0"), badRho.err());
        Run badChunk = run(false, "--npy", "x.npy", "--theta", "t.npy", "--chunk", "0");
        assertEquals(2, badChunk.exitCode(), badChunk.err());
        assertTrue(badChunk.err().contains("expected auto or a number of samples >= 1, got 0"), badChunk.err());
        Run badHistory = run(true, "--npy", "x.npy", "--history", "0");
        assertEquals(2, badHistory.exitCode(), badHistory.err());
        assertTrue(badHistory.err().contains("--history must be >= 1, got 0"), badHistory.err());
        Run help = run(true, "--help");
        for (String option : new String[] {"--gradient-tolerance", "--progress-tolerance", "--history",
                "--learning-rate", "--optimizer", "--iterations", "--rho", "--lambda", "--beta", "--decoder",
                "--backend", "--threads", "--precision", "--chunk"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
    }
}
