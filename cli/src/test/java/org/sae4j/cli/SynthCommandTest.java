package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyArray;
import org.sae4j.data.NpyReader;
import org.sae4j.data.PlantedFeatures;
import org.sae4j.model.ModelFile;
import org.sae4j.model.ModelMetadata;
import org.sae4j.model.StoredModel;
import org.sae4j.model.TrainedModel;
import org.sae4j.precision.Precision;

/** {@code sae synth}: the files it writes, and the score of a decoder against them. */
class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSamplesAndThePlantedFeaturesOfTheLibrarysSet() throws Exception {
        Cli.Run run = Cli.run("synth", "--dimension", "12", "--features", "30", "--samples", "500", "--active", "3",
                "--seed", "4", "--out", dir.toString(), "--json");
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> json = MiniJson.parseObject(run.out());
        assertEquals(30.0, json.get("planted"));
        PlantedFeatures expected = PlantedFeatures.generate(12, 30, 500, 3, 4);
        NpyArray features = NpyReader.read(dir.resolve("features.npy"));
        assertArrayEquals(new int[] {30, 12}, features.shape());
        assertArrayEquals(expected.features(), features.values(), "the features, one per row");
        Dataset samples = NpyReader.readSamples(dir.resolve("activations.npy"));
        assertEquals(500, samples.samples());
        assertEquals(12, samples.features());
        assertEquals(Precision.F32, samples.precision());
        for (int s = 0; s < 500; s += 97) {
            for (int i = 0; i < 12; i++) {
                assertEquals((float) expected.samples().get(i, s), samples.get(i, s), 0, "sample " + s);
            }
        }
    }

    @Test
    void aDecoderMadeOfThePlantedFeaturesScoresOneAndANoisyOneLess() throws Exception {
        assertEquals(0, Cli.run("synth", "--dimension", "8", "--features", "10", "--samples", "50", "--active", "2",
                "--out", dir.toString()).exitCode());
        double[] planted = NpyReader.read(dir.resolve("features.npy")).values();
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(8, 10, 0.1, 1e-4, 3, OutputLayer.LINEAR);
        double[] theta = c.initialParameters(1);
        for (int f = 0; f < 10; f++) {
            for (int i = 0; i < 8; i++) {
                theta[c.w2Offset() + f * 8 + i] = 3 * planted[f * 8 + i];
            }
        }
        Path exact = write("exact.sae", c, theta);
        Cli.Run one = Cli.run("synth", "--out", dir.toString(), "--score", exact.toString(), "--json");
        assertEquals(0, one.exitCode(), one.transcript());
        assertEquals(1.0, (Double) MiniJson.parseObject(one.out()).get("meanMaxCosine"), 1e-12);

        Path random = write("random.sae", c, c.initialParameters(2));
        Cli.Run less = Cli.run("synth", "--out", dir.toString(), "--score", random.toString(), "--json");
        assertEquals(0, less.exitCode(), less.transcript());
        assertTrue((Double) MiniJson.parseObject(less.out()).get("meanMaxCosine") < 0.95, less.out());
    }

    @Test
    void badOptionsAndFilesAreOneLine() throws Exception {
        Cli.Run k = Cli.run("synth", "--features", "4", "--active", "5", "--out", dir.resolve("a").toString());
        assertEquals(2, k.exitCode(), k.transcript());
        assertTrue(k.err().contains("--active must be in [1, --features = 4], got 5"), k.err());
        assertFalse(Files.exists(dir.resolve("a")), "nothing is written");
        assertEquals(0, Cli.run("synth", "--dimension", "8", "--features", "10", "--samples", "50", "--active", "2",
                "--out", dir.toString()).exitCode());
        SparseAutoencoderConfig c = new SparseAutoencoderConfig(9, 4, 0.1, 1e-4, 3);
        Path other = write("other.sae", c, c.initialParameters(1));
        Cli.Run width = Cli.run("synth", "--out", dir.toString(), "--score", other.toString());
        assertEquals(1, width.exitCode(), width.transcript());
        assertTrue(width.err().contains("reconstructs 9 values, but the planted features in"), width.err());
        SparseAutoencoderConfig c8 = new SparseAutoencoderConfig(8, 4, 0.1, 1e-4, 3);
        Cli.Run notUnit = Cli.run("synth", "--score", write("m.sae", c8, c8.initialParameters(1)).toString(),
                "--planted", dir.resolve("activations.npy").toString());
        assertEquals(1, notUnit.exitCode(), notUnit.transcript());
        assertTrue(notUnit.err().contains("planted features are unit vectors"), notUnit.err());
    }

    private Path write(String name, SparseAutoencoderConfig c, double[] theta) throws Exception {
        Path file = dir.resolve(name);
        ModelFile.write(file, new StoredModel(new TrainedModel(c, theta), Precision.F64, new ModelMetadata("test", 0, 1,
                0, 0, "java", 1, 0, Instant.EPOCH, java.util.Map.of())));
        return file;
    }
}
