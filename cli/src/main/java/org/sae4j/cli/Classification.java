package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.classify.ConfusionMatrix;
import org.sae4j.classify.SoftmaxTrainer;
import org.sae4j.data.Labels;
import org.sae4j.io.Json;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Optimizer;
import org.sae4j.train.TrainingSpec;

/** Softmax training and testing, and encoding with a model, as {@code classify} and {@code self-taught} do them. */
final class Classification {
    private Classification() {
    }

    /**
     * A softmax classifier trained on one set and counted on another.
     *
     * @param inputs what its features are, for the report ("raw pixels", "features of model.sae")
     */
    record Outcome(String inputs, SoftmaxTrainer.Result trained, ConfusionMatrix confusion, int trainSamples,
                   double seconds) {
        double accuracy() {
            return confusion.accuracy();
        }
    }

    /** How softmax is trained: weight decay, optimiser and engine settings, progress. */
    record Training(double lambda, Optimizer optimizer, int maxIterations, EvaluationSettings settings,
                    Environment env, int progressEvery) {
    }

    /** Trains softmax on {@code train} with progress on stderr and counts its predictions on {@code test}. */
    static Outcome trainAndTest(String inputs, Labels.Labelled train, Labels.Labelled test, Training t) {
        PrintWriter err = t.env().err();
        EvaluationSettings s = t.settings();
        err.printf(Locale.ROOT, "softmax on %s: %d training samples of %d values, lambda %s; %s; backend %s,"
                        + " %d threads, %s%n", inputs, train.samples().samples(), train.samples().features(), t.lambda(),
                t.optimizer(), s.backend().name(), s.threads(), train.samples().precision().shortName());
        ProgressPrinter progress = new ProgressPrinter(err, t.env().terminal(), t.progressEvery(), t.maxIterations());
        long start = System.nanoTime();
        SoftmaxTrainer.Result r;
        try {
            r = SoftmaxTrainer.of(t.lambda(), TrainingSpec.defaults()
                    .withSettings(s)
                    .withOptimizer(t.optimizer())
                    .withListener(progress)).train(train.samples(), train.labels());
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ConfusionMatrix confusion = ConfusionMatrix.of(r.classifier(), test.samples(), test.labels());
        err.printf(Locale.ROOT, "softmax on %s: %d iterations (%s) in %.2f s; test accuracy %.2f%%%n", inputs,
                r.optimization().iterations(), r.optimization().termination().description(), seconds,
                100 * confusion.accuracy());
        return new Outcome(inputs, r, confusion, train.samples().samples(), seconds);
    }

    /** {@link TrainedModel#features} of labelled data, with the same labels. */
    static Labels.Labelled encode(TrainedModel model, Labels.Labelled data, EvaluationSettings settings) {
        return new Labels.Labelled(model.features(data.samples(), settings), data.labels());
    }

    /** accuracy, correct, testSamples, trainSamples, features, classes, perClassAccuracy, confusion, timing. */
    static Json json(Outcome o) {
        ConfusionMatrix c = o.confusion();
        int[] labels = c.labels();
        double[] perClass = c.perClassAccuracy();
        Json perClassJson = Json.object();
        long[] labelArray = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            perClassJson.put(Integer.toString(labels[i]), perClass[i]);
            labelArray[i] = labels[i];
        }
        return Json.object()
                .put("inputs", o.inputs())
                .put("accuracy", c.accuracy())
                .put("correct", c.correct())
                .put("testSamples", c.samples())
                .put("trainSamples", o.trainSamples())
                .put("features", o.trained().classifier().config().features())
                .put("classes", labelArray)
                .put("perClassAccuracy", perClassJson)
                .put("confusion", c.counts())
                .put("softmaxSeconds", o.seconds())
                .put("iterations", o.trained().optimization().iterations())
                .put("termination", o.trained().optimization().termination().name());
    }

    /** Accuracy, per-class accuracy and the confusion matrix as text. */
    static void print(PrintWriter out, Outcome o) {
        ConfusionMatrix c = o.confusion();
        out.printf(Locale.ROOT, "%s: test accuracy %.2f%% (%d of %d), softmax trained on %d samples in %.2f s%n",
                o.inputs(), 100 * c.accuracy(), c.correct(), c.samples(), o.trainSamples(), o.seconds());
        int[] labels = c.labels();
        long[][] counts = c.counts();
        double[] perClass = c.perClassAccuracy();
        int width = 6;
        for (long[] row : counts) {
            for (long n : row) {
                width = Math.max(width, Long.toString(n).length() + 1);
            }
        }
        String cell = "%" + width + "s";
        out.printf(Locale.ROOT, "  %-6s %9s  %s%n", "label", "accuracy", "predicted as:");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-6s %9s  ", "", ""));
        for (int l : labels) {
            head.append(String.format(Locale.ROOT, cell, l));
        }
        out.println(head);
        for (int t = 0; t < labels.length; t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-6d %8.2f%%  ", labels[t],
                    100 * perClass[t]));
            for (long n : counts[t]) {
                line.append(String.format(Locale.ROOT, cell, n));
            }
            out.println(line);
        }
    }
}
