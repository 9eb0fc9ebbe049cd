package org.sae4j.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.Encoder;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.NpyReader;
import org.sae4j.data.SharedData;
import org.sae4j.optim.Lbfgs;
import org.sae4j.precision.Precision;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

/** Runs the README's library example, and fails if the README's copy of it differs from this one. */
class ReadmeExampleTest {
    private static final String START = "// example: start";
    private static final String END = "// example: end";

    @Test
    void theReadmeExampleRunsAndTrains() throws IOException {
        Path patchesFile = SharedData.file("data/ufldl/patches_10000_seed0.npy");
        double[] sample = NpyReader.readSamples(patchesFile).firstSamples(1).toPrecision(Precision.F64).doubles();

        // example: start
        Dataset data = NpyReader.readSamples(patchesFile);           // (m, v) array, one sample per row
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(64, 25, 0.01, 1e-4, 3); // v, h, rho, lambda, beta
        TrainingSpec spec = TrainingSpec.defaults()
                .withSettings(EvaluationSettings.defaults().withThreads(2)) // auto backend, f64
                .withOptimizer(Lbfgs.builder().maxIterations(400).build())
                .withSeed(42)
                .withListener(it -> {
                    if (it.iteration() % 100 == 0) {
                        System.err.printf("iteration %d: J = %.5f%n", it.iteration(), it.value());
                    }
                });
        TrainingResult result = Trainer.of(config, spec).train(data);
        System.out.println(result.termination() + " after " + result.iterations() + " iterations: J = "
                + result.finalCost());
        Encoder encoder = result.model().encoder(EvaluationSettings.defaults()); // one per thread
        double[] hidden = new double[encoder.hidden()];
        encoder.encode(sample, hidden);                              // f(W1 x + b1); allocates nothing
        // example: end

        assertTrue(result.finalCost() <= 0.454, "J = " + result.finalCost());
        assertEquals(25, hidden.length);
        for (double a : hidden) {
            assertTrue(a > 0 && a < 1, "activation " + a);
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/sae4j/example/ReadmeExampleTest.java"));
        String example = stripIndent(between(source, START, END));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(example), "README.md must contain the example exactly as in "
                + "ReadmeExampleTest (between the markers, without the common indentation):\n" + example);
    }

    /** The lines strictly between the marker comments (each marker ends its line; the constants do not). */
    private static String between(String text, String start, String end) {
        int from = text.indexOf(start + "\n") + start.length() + 1;
        int to = text.indexOf(end + "\n");
        return text.substring(from, text.lastIndexOf('\n', to) + 1);
    }

    private static String stripIndent(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n")) {
            out.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        return out.toString();
    }
}
