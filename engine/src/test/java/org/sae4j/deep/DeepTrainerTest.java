package org.sae4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.backend.java.JavaBackend;
import org.sae4j.classify.SoftmaxTrainer;
import org.sae4j.data.Dataset;
import org.sae4j.optim.Cancellation;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.Termination;
import org.sae4j.precision.Precision;
import org.sae4j.train.CheckpointMismatchException;
import org.sae4j.train.Trainer;
import org.sae4j.train.TrainingResult;
import org.sae4j.train.TrainingSpec;

class DeepTrainerTest {
    static final int V = 16;
    static final int M = 150;

    /** Three classes, each a bump of brightness on its own part of a 16-value sample, plus noise. */
    static Dataset blobs(int[] labels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[V * labels.length];
        for (int s = 0; s < labels.length; s++) {
            labels[s] = s % 3 == 0 ? 2 : s % 3 == 1 ? 5 : 9;
            int centre = (s % 3) * 5 + 2;
            for (int i = 0; i < V; i++) {
                double bump = Math.exp(-0.5 * (i - centre) * (i - centre) / 4.0);
                x[s * V + i] = Math.min(0.95, Math.max(0.05, 0.1 + 0.6 * bump + rnd.nextDouble(-0.15, 0.15)));
            }
        }
        return Dataset.ofDoubles(V, labels.length, x);
    }

    static EvaluationSettings settings(int threads, Precision precision) {
        return new EvaluationSettings(new JavaBackend(), threads, 32, precision,
                EvaluationSettings.DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    static DeepTrainer.Plan plan(int[] widths, boolean fineTune) {
        return DeepTrainer.Plan.uniform(widths, 0.1, 3e-3, 3, Lbfgs.builder().maxIterations(15).build(), 1e-4,
                Lbfgs.builder().maxIterations(12).build(),
                fineTune ? Lbfgs.builder().maxIterations(14).build() : null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void oneLayerWithoutFineTuningIsTheAutoencoderThenSoftmaxOnItsFeatures(Precision precision) throws IOException {
        int[] labels = new int[M];
        Dataset data = blobs(labels, 1).toPrecision(precision);
        EvaluationSettings s = settings(2, precision);
        DeepTrainer.Result deep = DeepTrainer.of(plan(new int[] {8}, false), TrainingSpec.defaults().withSettings(s)
                .withSeed(42)).train(data, labels);

        SparseAutoencoderConfig config = new SparseAutoencoderConfig(V, 8, 0.1, 3e-3, 3);
        TrainingResult ae = Trainer.of(config, TrainingSpec.defaults().withSettings(s).withSeed(42)
                .withOptimizer(Lbfgs.builder().maxIterations(15).build())).train(data);
        Dataset features = ae.model().features(data, s);
        SoftmaxTrainer.Result softmax = SoftmaxTrainer.of(1e-4, TrainingSpec.defaults().withSettings(s)
                .withOptimizer(Lbfgs.builder().maxIterations(12).build())).train(features, labels);

        assertArrayEquals(ae.model().theta(), deep.layers().get(0).theta(), "the autoencoder");
        assertArrayEquals(softmax.classifier().theta(), deep.softmax().theta(), "softmax");
        assertArrayEquals(softmax.classifier().predict(features), deep.network().predict(data, s), "the predictions");
        assertNull(deep.fineTuned());
        assertEquals(2, deep.phases().size());
        assertArrayEquals(new int[] {2, 5, 9}, deep.network().classLabels());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void theWholeRunHasTheSameBitsOnAnyThreadCountAndFineTuningLowersTheCost(Precision precision) throws IOException {
        int[] labels = new int[M];
        Dataset data = blobs(labels, 2);
        double[] first = null;
        for (int threads : new int[] {1, 3}) {
            DeepTrainer.Result r = DeepTrainer.of(plan(new int[] {8, 6}, true), TrainingSpec.defaults()
                    .withSettings(settings(threads, precision)).withSeed(3)).train(data, labels);
            assertEquals(4, r.phases().size());
            DeepTrainer.PhaseResult tune = r.phases().get(3);
            assertEquals(DeepTrainer.Phase.Kind.FINE_TUNE, tune.phase().kind());
            assertTrue(tune.finalCost() < tune.costHistory()[0], "fine-tuning from " + tune.costHistory()[0] + " to "
                    + tune.finalCost());
            StackedNetwork net = r.pretrained().network();
            double[] theta = r.pretrained().theta();
            double layerDecay = 0;
            for (int l = 1; l <= net.depth(); l++) {
                for (int i = net.weightOffset(l); i < net.biasOffset(l); i++) {
                    layerDecay += theta[i] * theta[i];
                }
            }
            double start = r.phases().get(2).finalCost() + 0.5 * 1e-4 * layerDecay;
            assertEquals(start, tune.costHistory()[0], 1e-9 * start,
                    "fine-tuning starts where softmax ended, plus the decay of the layers' weights");
            if (first == null) {
                first = r.fineTuned().theta();
            } else {
                assertArrayEquals(first, r.fineTuned().theta(), threads + " threads");
            }
        }
    }

    /** A run stopped in each phase in turn, then resumed from its checkpoints, ends with the same bits. */
    @ParameterizedTest(name = "stopped in phase {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aRunStoppedInAnyPhaseResumesBitwise(int stopIn, @TempDir Path dir) throws IOException {
        int[] labels = new int[M];
        Dataset data = blobs(labels, 3);
        TrainingSpec spec = TrainingSpec.defaults().withSettings(settings(2, Precision.F64)).withSeed(5);
        DeepTrainer.Plan plan = plan(new int[] {8, 6}, true);
        DeepTrainer.Result whole = DeepTrainer.of(plan, spec).train(data, labels);

        Cancellation stop = new Cancellation();
        Path folder = dir.resolve("checkpoints");
        DeepTrainer.Listener stopper = (phase, inputs, samples, resumed) -> {
            boolean here = plan.phases().indexOf(phase) == stopIn;
            return here ? info -> {
                if (info.iteration() == 7) {
                    stop.cancel();
                }
            } : null;
        };
        DeepTrainer.Result stopped = DeepTrainer.of(plan, spec.withCancellation(stop)).withCheckpoints(folder, 5)
                .withListener(stopper).train(data, labels);
        assertTrue(stopped.cancelled());
        assertEquals(stopIn + 1, stopped.phases().size());
        assertEquals(Termination.CANCELLED, stopped.phases().get(stopIn).termination());
        assertNull(stopped.fineTuned());

        int[] resumedPhases = {0};
        DeepTrainer.Result resumed = DeepTrainer.of(plan, spec.withSettings(settings(3, Precision.F64))).withCheckpoints(folder, 5)
                .resumingFrom(folder).withListener((phase, inputs, samples, fromCheckpoint) -> {
                    if (fromCheckpoint) {
                        resumedPhases[0]++;
                    }
                    return null;
                }).train(data, labels);
        assertEquals(stopIn + 1, resumedPhases[0], "the phases resumed from a checkpoint");
        assertArrayEquals(whole.fineTuned().theta(), resumed.fineTuned().theta());
        assertArrayEquals(whole.pretrained().theta(), resumed.pretrained().theta());
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(whole.phases().get(p).costHistory(), resumed.phases().get(p).costHistory(), "phase " + p);
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) throws IOException {
        int[] labels = new int[M];
        Dataset data = blobs(labels, 4);
        TrainingSpec spec = TrainingSpec.defaults().withSettings(settings(2, Precision.F64)).withSeed(5);
        DeepTrainer.of(plan(new int[] {8}, false), spec).withCheckpoints(dir, 5).train(data, labels);
        assertTrue(Files.exists(dir.resolve("layer-1.ckpt")));
        assertTrue(Files.exists(dir.resolve(DeepTrainer.SOFTMAX_CHECKPOINT)));
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> DeepTrainer.of(plan(new int[] {7}, false), spec).resumingFrom(dir).train(data, labels));
        assertTrue(e.getMessage().contains("hidden differs"), e.getMessage());
    }

    @Test
    void badLabelsAndPlansAreRefused() {
        int[] labels = new int[M];
        Dataset data = blobs(labels, 5);
        DeepTrainer t = DeepTrainer.of(plan(new int[] {4}, false), TrainingSpec.defaults()
                .withSettings(settings(1, Precision.F64)));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> t.train(data, new int[M - 1]));
        assertTrue(count.getMessage().contains("149 labels for 150 samples"), count.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> t.train(data, new int[M]));
        assertTrue(one.getMessage().contains("at least 2 classes"), one.getMessage());
        int[] negative = labels.clone();
        negative[3] = -1;
        assertThrows(IllegalArgumentException.class, () -> t.train(data, negative));
        assertThrows(IllegalArgumentException.class, () -> plan(new int[] {4, 0}, false));
        assertThrows(IllegalArgumentException.class, () -> new DeepTrainer.Plan(List.of(), 1e-4,
                Lbfgs.withDefaults(), 1e-4, null));
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.of(plan(new int[] {4}, false),
                TrainingSpec.defaults().withCheckpoints(Path.of("x.ckpt"), 5)));
    }
}
