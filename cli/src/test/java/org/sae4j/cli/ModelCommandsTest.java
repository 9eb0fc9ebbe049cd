package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;
import org.sae4j.image.FeatureImage;
import org.sae4j.model.MatrixView;
import org.sae4j.model.ModelFile;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.StoredModel;
import org.sae4j.model.TrainedModel;
import org.sae4j.precision.Precision;

/** {@code export}, {@code encode} and {@code features} on a model with known parameters. */
class ModelCommandsTest {
    private static final int V = 6;
    private static final int H = 3;

    @TempDir
    Path dir;

    private double[] theta;
    private Path model;

    @BeforeEach
    void writeModel() throws Exception {
        theta = TestData.distinctTheta(V, H, 41);
        model = dir.resolve("m.sae");
        ModelFile.write(model, new StoredModel(
                new TrainedModel(new SparseAutoencoderConfig(V, H, 0.01, 1e-4, 3), theta), Precision.F64, new ModelMetadata("test", 0, 1, Double.NaN, 0, "java", 1, 0, Instant.EPOCH, Map.of())));
    }

    private double w1(int k, int j) {
        return theta[k + H * j];
    }

    @Test
    void exportWritesEachParameterBlockInCOrder() throws Exception {
        Path out = dir.resolve("export");
        Cli.Run run = Cli.run("export", model.toString(), "--dir", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());

        NpyArray t = NpyReader.read(out.resolve("theta.npy"));
        assertArrayEquals(new int[] {2 * H * V + H + V}, t.shape());
        assertArrayEquals(theta, t.values(), 0.0);

        NpyArray w1 = NpyReader.read(out.resolve("W1.npy"));
        NpyArray w2 = NpyReader.read(out.resolve("W2.npy"));
        NpyArray b1 = NpyReader.read(out.resolve("b1.npy"));
        NpyArray b2 = NpyReader.read(out.resolve("b2.npy"));
        assertArrayEquals(new int[] {H, V}, w1.shape());
        assertArrayEquals(new int[] {V, H}, w2.shape());
        assertArrayEquals(new int[] {H}, b1.shape());
        assertArrayEquals(new int[] {V}, b2.shape());
        for (NpyArray a : new NpyArray[] {t, w1, w2, b1, b2}) {
            assertEquals("<f8", a.dtype());
        }
        for (int k = 0; k < H; k++) {
            for (int j = 0; j < V; j++) {
                assertEquals(w1(k, j), w1.get(k, j), 0.0, "W1[" + k + "][" + j + "]");
                // C order: row k is contiguous, so W1[k].reshape(p, p) is filter k
                assertEquals(w1(k, j), w1.values()[k * V + j], 0.0);
                assertEquals(theta[H * V + j + V * k], w2.get(j, k), 0.0, "W2[" + j + "][" + k + "]");
            }
            assertEquals(theta[2 * H * V + k], b1.get(k), 0.0);
        }
        for (int i = 0; i < V; i++) {
            assertEquals(theta[2 * H * V + H + i], b2.get(i), 0.0);
        }
    }

    @Test
    void encodeWritesOneRowOfActivationsPerSample() throws Exception {
        Dataset x = TestData.samples(V, 7, 42);
        Path in = TestData.writeNpy(dir.resolve("x.npy"), x);
        Path out = dir.resolve("h.npy");
        Cli.Run run = Cli.run("encode", model.toString(), "--npy", in.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        NpyArray h = NpyReader.read(out);
        assertEquals("<f8", h.dtype());
        assertArrayEquals(new int[] {7, H}, h.shape());
        for (int s = 0; s < 7; s++) {
            for (int k = 0; k < H; k++) {
                double z = theta[2 * H * V + k];
                for (int j = 0; j < V; j++) {
                    z += w1(k, j) * x.get(j, s);
                }
                assertEquals(TestData.sigmoid(z), h.get(s, k), 1e-15, "sample " + s + ", unit " + k);
            }
        }
    }

    @Test
    void encodeRefusesDataOfTheWrongWidth() throws Exception {
        Path in = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(V + 1, 3, 43));
        Cli.Run run = Cli.run("encode", model.toString(), "--npy", in.toString(), "--out",
                dir.resolve("h.npy").toString());
        assertEquals(1, run.exitCode());
        assertEquals("sae: error: " + in + ": 7 values per sample, but the model " + model + " has 6 inputs",
                run.err().strip());
    }

    @Test
    void featuresDrawsTheFiltersWithTheGivenTileShape() throws Exception {
        Path png = dir.resolve("f.png");
        Cli.Run run = Cli.run("features", model.toString(), "--out", png.toString(), "--patch-width", "2");
        assertEquals(0, run.exitCode(), run.transcript());
        BufferedImage drawn = ImageIO.read(png.toFile());
        BufferedImage expected = FeatureImage.render(MatrixView.of(theta, 0, H, V), 2, 3);
        assertEquals(expected.getWidth(), drawn.getWidth());
        assertEquals(expected.getHeight(), drawn.getHeight());
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y) & 0xffffff, drawn.getRGB(x, y) & 0xffffff, x + "," + y);
            }
        }
    }

    @Test
    void featuresNeedsATileShapeForNonSquareInputs() {
        Cli.Run run = Cli.run("features", model.toString(), "--out", dir.resolve("f.png").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("6 inputs, not a square number"), run.err());
        Cli.Run wrong = Cli.run("features", model.toString(), "--patch-width", "4", "--out",
                dir.resolve("f.png").toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("got 4 x ?"), wrong.err());
    }
}
