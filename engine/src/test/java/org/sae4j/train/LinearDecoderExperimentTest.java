package org.sae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import org.sae4j.data.PatchSampler;
import org.sae4j.data.SharedData;
import org.sae4j.image.FeatureImage;
import org.sae4j.image.Png;
import org.sae4j.model.MatrixView;
import org.sae4j.optim.Lbfgs;
import org.sae4j.precision.Precision;

/**
 * The linear decoder as the UFLDL course uses it, on grey data here (there is no colour data): 8×8 patches
 * cut from the whitened natural images and kept as they are (no mapping to [0.1, 0.9]), so about half the
 * values are negative, which a sigmoid output cannot reach; then 400 L-BFGS iterations with the course's
 * linear-decoder constants (ρ = 0.035, λ = 3e-3, β = 5). The filters must come out edge-like, by the
 * criteria the sigmoid experiment uses. (Whitening the patches once more, ZCA with ε = 0.1 or 0.01 on top
 * of the whitened images, gave 13 and 5 edge-like filters of 25: the images are whitened already.)
 */
class LinearDecoderExperimentTest {
    private static final SparseAutoencoderConfig CONFIG =
            new SparseAutoencoderConfig(64, 25, 0.035, 3e-3, 5, OutputLayer.LINEAR);

    @Test
    void whitenedPatchesGiveEdgeLikeFilters() throws IOException {
        ImageStack images = ImageStack.fromNpy(SharedData.file("data/ufldl/images_whitened.npy"));
        Dataset patches = PatchSampler.sample(images, 8, 10_000, 3);
        long negative = java.util.Arrays.stream(patches.doubles()).filter(x -> x < 0).count();
        assertTrue(negative > patches.doubles().length / 4, negative + " negative values: outside a sigmoid's range");
        TrainingResult r = Trainer.of(CONFIG, TrainingSpec.defaults()
                .withSettings(EvaluationSettings.of(new JavaBackend(), Precision.F64)
                        .withThreads(2).withChunkSize(1000))
                .withOptimizer(Lbfgs.builder().maxIterations(400).build())
                .withSeed(1)).train(patches);
        assertEquals(400, r.iterations());
        assertTrue(r.finalCost() < 0.2 * r.costHistory()[0], "J " + r.costHistory()[0] + " -> " + r.finalCost());
        Path dir = Path.of("target", "linear-decoder");
        Files.createDirectories(dir);
        MatrixView w1 = r.model().w1();
        Png.write(FeatureImage.render(w1, 8, 8), dir.resolve("features.png"));
        int edgeLike = 0;
        StringBuilder scores = new StringBuilder();
        for (int k = 0; k < 25; k++) {
            double[] tile = w1.row(k);
            double corr = FilterQuality.neighbourCorrelation(tile, 8);
            double share = FilterQuality.topFourPowerShare(tile, 8);
            scores.append(String.format(" %.2f/%.2f", corr, share));
            if (corr > 0.5 && share > 0.35) {
                edgeLike++;
            }
        }
        System.out.println("linear decoder: J " + r.costHistory()[0] + " -> " + r.finalCost() + "; filters (corr/share)"
                + scores);
        assertTrue(edgeLike >= 23, edgeLike + " of 25 filters are edge-like:" + scores);

        // the same data and constants with a sigmoid output, which cannot reconstruct negative values: 2.45 here
        // against the linear decoder's 1.69
        TrainingResult sigmoid = Trainer.of(CONFIG.withOutputLayer(OutputLayer.SIGMOID), TrainingSpec.defaults()
                .withSettings(EvaluationSettings.of(new JavaBackend(), Precision.F64)
                        .withThreads(2).withChunkSize(1000))
                .withOptimizer(Lbfgs.builder().maxIterations(400).build())
                .withSeed(1)).train(patches);
        assertTrue(sigmoid.finalCost() > 1.3 * r.finalCost(), "sigmoid J " + sigmoid.finalCost() + ", linear J "
                + r.finalCost());
    }
}
