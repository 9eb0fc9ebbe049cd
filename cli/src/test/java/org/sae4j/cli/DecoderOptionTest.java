package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyWriter;
import org.sae4j.model.ModelFile;
import org.sae4j.precision.Precision;

/** {@code --decoder linear|sigmoid} on train, eval and gradcheck. */
class DecoderOptionTest {
    @TempDir
    Path dir;

    /** Whitened-like data: centred, about half of it negative, which a sigmoid output cannot reach. */
    private static Dataset centred(int v, int m) {
        SplittableRandom rnd = new SplittableRandom(8);
        double[] x = new double[v * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-1.5, 1.5);
        }
        return Dataset.ofDoubles(v, m, x);
    }

    @Test
    void trainWritesALinearModelAndEvalComputesTheLinearObjective() throws Exception {
        Dataset data = centred(9, 300);
        Path x = TestData.writeNpy(dir.resolve("x.npy"), data);
        Cli.Run train = Cli.run("train", "--npy", x.toString(), "--hidden", "4", "--decoder", "linear",
                "--iterations", "20", "--backend", "java", "--out", dir.resolve("o").toString());
        assertEquals(0, train.exitCode(), train.transcript());
        assertTrue(train.err().contains("linear decoder"), train.err());
        assertEquals(OutputLayer.LINEAR, ModelFile.read(dir.resolve("o").resolve("model.sae")).model().config().outputLayer());

        SparseAutoencoderConfig linear = new SparseAutoencoderConfig(9, 4, 0.01, 1e-4, 3, OutputLayer.LINEAR);
        double[] theta = linear.initialParameters(2);
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        double expected;
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(linear, data,
                EvaluationSettings.of(new JavaBackend(), Precision.F64).withThreads(1))) {
            expected = f.evaluate(theta, new double[theta.length]);
        }
        Cli.Run eval = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", x.toString(), "--decoder", "linear",
                "--backend", "java", "--json");
        assertEquals(0, eval.exitCode(), eval.transcript());
        double cost = (Double) MiniJson.parseObject(eval.out().strip()).get("cost");
        assertEquals(expected, cost, 1e-12 * expected);
        Cli.Run sigmoid = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", x.toString(), "--backend", "java",
                "--json");
        assertNotEquals(cost, (Double) MiniJson.parseObject(sigmoid.out().strip()).get("cost"),
                "the decoder changes the objective");
    }

    @Test
    void gradcheckPassesForTheLinearDecoderAndAnUnknownDecoderIsAUsageError() {
        Cli.Run check = Cli.run("gradcheck", "--decoder", "linear", "--visible", "6", "--hidden", "3",
                "--samples", "10", "--json");
        assertEquals(0, check.exitCode(), check.transcript());
        Map<String, Object> json = MiniJson.parseObject(check.out().strip());
        assertTrue((Double) json.get("relativeDifference") < 1e-9, json.toString());

        Cli.Run bad = Cli.run("train", "--npy", "x.npy", "--decoder", "tanh");
        assertEquals(2, bad.exitCode(), bad.transcript());
        assertTrue(bad.err().contains("--decoder must be sigmoid or linear, got 'tanh'"), bad.err());
    }
}
