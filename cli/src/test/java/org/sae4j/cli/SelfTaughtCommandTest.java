package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.model.ModelFile;

/** {@code sae self-taught} on small MNIST-format files of striped 8x8 images, six classes. */
class SelfTaughtCommandTest {
    private static final int SIDE = 8;
    private static final int COUNT = 600;

    @TempDir
    Path dir;

    private Path images;
    private Path labels;

    /** Class c is a bright row c and column (c + 3) mod 8, with noise; IDX bytes, big-endian headers. */
    @BeforeEach
    void writeIdx() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        images = dir.resolve("images-idx3-ubyte");
        labels = dir.resolve("labels-idx1-ubyte");
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(images));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(labels))) {
            img.writeInt(2051);
            img.writeInt(COUNT);
            img.writeInt(SIDE);
            img.writeInt(SIDE);
            lab.writeInt(2049);
            lab.writeInt(COUNT);
            for (int s = 0; s < COUNT; s++) {
                int c = s % 6;
                lab.writeByte(c);
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        boolean on = y == c || x == (c + 3) % SIDE;
                        img.writeByte((int) Math.min(255, (on ? 200 : 30) + r.nextInt(50)));
                    }
                }
            }
        }
    }

    @Test
    void reportsFeatureAndRawAccuracyWithTheSplitAndWritesTheModel() throws Exception {
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("self-taught", "--idx", images.toString(), "--labels", labels.toString(),
                "--unlabelled-classes", "3,4,5", "--hidden", "12", "--iterations", "40", "--softmax-iterations", "50",
                "--backend", "java", "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> j = MiniJson.parseObject(run.out().strip());
        assertEquals(300.0, ((Number) j.get("unlabelledSamples")).doubleValue());
        assertEquals(150.0, ((Number) j.get("trainSamples")).doubleValue());
        assertEquals(150.0, ((Number) j.get("testSamples")).doubleValue());
        double features = ((Number) j.get("featureAccuracy")).doubleValue();
        double raw = ((Number) j.get("rawAccuracy")).doubleValue();
        assertTrue(raw >= 0.95, "raw accuracy " + raw);
        assertTrue(features >= 0.9, "feature accuracy " + features);
        @SuppressWarnings("unchecked")
        Map<String, Object> withFeatures = (Map<String, Object>) j.get("withFeatures");
        assertEquals(12.0, ((Number) withFeatures.get("features")).doubleValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> perClass = (Map<String, Object>) withFeatures.get("perClassAccuracy");
        assertEquals(java.util.List.of("0", "1", "2"), java.util.List.copyOf(perClass.keySet()));
        assertEquals(12, ModelFile.read(out.resolve("model.sae")).model().config().hidden());
        assertTrue(Files.size(out.resolve("features.png")) > 0);
        assertTrue(Files.size(out.resolve("cost.png")) > 0);
        assertTrue(run.err().contains("unlabelled (classes [3, 4, 5]): 300; labelled: 300, split with seed 0 into 150"
                + " for training and 150 for testing"), run.err());
    }

    @Test
    void aNamedClassWithoutSamplesIsAnError() {
        Cli.Run run = Cli.run("self-taught", "--idx", images.toString(), "--labels", labels.toString(),
                "--unlabelled-classes", "3,9", "--out", dir.resolve("o").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("class 9 of --unlabelled-classes has no samples in " + labels), run.err());
    }

    @Test
    void leavingOneLabelledClassIsAnError() {
        Cli.Run run = Cli.run("self-taught", "--idx", images.toString(), "--labels", labels.toString(),
                "--unlabelled-classes", "0,1,2,3,4", "--out", dir.resolve("o").toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("fewer than 2 classes"), run.err());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path few = dir.resolve("few-idx1-ubyte");
        try (DataOutputStream lab = new DataOutputStream(Files.newOutputStream(few))) {
            lab.writeInt(2049);
            lab.writeInt(5);
            lab.write(new byte[5]);
        }
        Cli.Run run = Cli.run("self-taught", "--idx", images.toString(), "--labels", few.toString());
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(few + " has 5 labels but " + images + " has 600 samples"), run.err());
    }
}
