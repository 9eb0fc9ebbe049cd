package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.autoencoder.SparseAutoencoderObjective;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;
import org.sae4j.data.NpyWriter;
import org.sae4j.precision.Precision;

class EvalCommandTest {
    private static final int V = 6;
    private static final int H = 4;
    private static final int M = 15;

    @TempDir
    Path dir;

    /** J written out from the formula with plain loops: W1(k, j) = θ[k + h j], W2(i, k) = θ[hv + i + v k]. */
    private static double naiveCost(double[] t, Dataset x, double rho, double lambda, double beta) {
        int v = x.features();
        int m = x.samples();
        int h = (t.length - v) / (2 * v + 1);
        double[][] a2 = new double[m][h];
        double[] rhoHat = new double[h];
        double error = 0;
        for (int s = 0; s < m; s++) {
            for (int k = 0; k < h; k++) {
                double z = t[2 * h * v + k];
                for (int j = 0; j < v; j++) {
                    z += t[k + h * j] * x.get(j, s);
                }
                a2[s][k] = TestData.sigmoid(z);
                rhoHat[k] += a2[s][k] / m;
            }
            for (int i = 0; i < v; i++) {
                double z = t[2 * h * v + h + i];
                for (int k = 0; k < h; k++) {
                    z += t[h * v + i + v * k] * a2[s][k];
                }
                double d = TestData.sigmoid(z) - x.get(i, s);
                error += d * d;
            }
        }
        double decay = 0;
        for (int i = 0; i < 2 * h * v; i++) {
            decay += t[i] * t[i];
        }
        double kl = 0;
        for (double r : rhoHat) {
            kl += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
        }
        return error / (2 * m) + lambda / 2 * decay + beta * kl;
    }

    private Path writeTheta(double[] theta) throws java.io.IOException {
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        return thetaFile;
    }

    @Test
    void costAndGradientFileAgreeWithTheEngine() throws Exception {
        Dataset x = TestData.samples(V, M, 21);
        double[] theta = TestData.distinctTheta(V, H, 22);
        Path xFile = TestData.writeNpy(dir.resolve("x.npy"), x);
        Path thetaFile = writeTheta(theta);
        Path gradFile = dir.resolve("g.npy");

        Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString(), "--hidden",
                "" + H, "--rho", "0.1", "--lambda", "0.003", "--beta", "2.5", "--threads", "2", "--chunk", "4",
                "--backend", "java", "--grad-out", gradFile.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        String firstLine = run.out().lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("J = "), run.out());
        double cost = Double.parseDouble(firstLine.substring(4));

        SparseAutoencoderConfig config = new SparseAutoencoderConfig(V, H, 0.1, 0.003, 2.5);
        EvaluationSettings settings = EvaluationSettings.of(MatrixBackends.get("java"), Precision.F64)
                .withThreads(2).withChunkSize(4);
        double[] gradient = new double[theta.length];
        double engineCost;
        try (SparseAutoencoderObjective f = new SparseAutoencoderObjective(config, x, settings)) {
            engineCost = f.evaluate(theta, gradient);
        }
        assertEquals(engineCost, cost, 0.0, "printed J is the engine's, to the last bit");
        assertEquals(naiveCost(theta, x, 0.1, 0.003, 2.5), cost, 1e-12 * Math.abs(cost));

        NpyArray g = NpyReader.read(gradFile);
        assertEquals("<f8", g.dtype());
        assertArrayEquals(new int[] {theta.length}, g.shape());
        assertArrayEquals(gradient, g.values(), 0.0);
    }

    @Test
    void everyBackendAgreesWithJavaToRounding() throws Exception {
        Dataset x = TestData.samples(V, M, 25);
        double[] theta = TestData.distinctTheta(V, H, 26);
        Path xFile = TestData.writeNpy(dir.resolve("x.npy"), x);
        Path thetaFile = writeTheta(theta);
        double[][] gradients = new double[2][];
        double[] costs = new double[2];
        String[] backends = {"java", "native"};
        for (int b = 0; b < 2; b++) {
            Path gradFile = dir.resolve("g-" + backends[b] + ".npy");
            Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString(), "--hidden",
                    "" + H, "--backend", backends[b], "--chunk", "4", "--grad-out", gradFile.toString(), "--json");
            if (b == 1 && run.exitCode() != 0 && !"true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assumptions.abort("native is not available here: " + run.err());
            }
            assertEquals(0, run.exitCode(), run.transcript());
            Map<String, Object> json = MiniJson.parseObject(run.out().strip());
            assertEquals(backends[b], json.get("backend"));
            assertEquals("--backend " + backends[b], json.get("backendChoice"));
            costs[b] = (Double) json.get("cost");
            gradients[b] = NpyReader.read(gradFile).values();
        }
        assertEquals(costs[0], costs[1], 1e-12 * Math.abs(costs[0]), "J agrees to rounding");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < theta.length; i++) {
            diff += (gradients[0][i] - gradients[1][i]) * (gradients[0][i] - gradients[1][i]);
            norm += gradients[0][i] * gradients[0][i];
        }
        assertTrue(Math.sqrt(diff) <= 1e-12 * Math.sqrt(norm), "gradients differ by " + Math.sqrt(diff / norm));
    }

    @Test
    void hiddenIsDeducedFromThetaAndJsonHasTheCost() throws Exception {
        Dataset x = TestData.samples(V, M, 23);
        double[] theta = TestData.distinctTheta(V, H, 24);
        Path xFile = TestData.writeNpy(dir.resolve("x.npy"), x);
        Path thetaFile = writeTheta(theta);
        Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString(), "--json");
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out().strip());
        assertEquals(naiveCost(theta, x, 0.01, 1e-4, 3), (Double) json.get("cost"), 1e-12);
        assertEquals((double) H, json.get("hidden"));
    }

    @Test
    void thetaOfTheWrongLengthIsRefusedNamingTheFile() throws Exception {
        Path xFile = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(V, M, 25));
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {10}, new double[10]);
        Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("sae: error: " + thetaFile + ": length 10 is not 2hv + h + v"), run.err());

        Cli.Run withHidden = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString(),
                "--hidden", "2");
        assertEquals(1, withHidden.exitCode());
        assertTrue(withHidden.err().contains(thetaFile + ": 10 values, but v = 6"), withHidden.err());
    }

    @Test
    void twoDimensionalThetaIsRefused() throws Exception {
        Path xFile = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(V, M, 26));
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {2, 3}, new double[6]);
        Cli.Run run = Cli.run("eval", "--theta", thetaFile.toString(), "--npy", xFile.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("expected a 1-D array"), run.err());
    }
}
