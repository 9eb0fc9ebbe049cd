package org.sae4j.classify;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.Dataset;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.train.RunFingerprint;
import org.sae4j.train.TrainingSpec;

/**
 * Trains a {@link SoftmaxClassifier} as a {@link TrainingSpec} says (L-BFGS by default) from θ = 0, or
 * from the spec's initial parameters, with the spec's checkpoints. The classes are the labels present in
 * the training set, in increasing order.
 *
 * <pre>{@code
 * SoftmaxClassifier c = SoftmaxTrainer.of(1e-4, TrainingSpec.defaults()).train(features, labels).classifier();
 * int label = c.predict(sample);
 * }</pre>
 */
public final class SoftmaxTrainer {
    private final double lambda;
    private final TrainingSpec spec;

    /** The outcome: the classifier and how the optimiser stopped. */
    public record Result(SoftmaxClassifier classifier, OptimizationResult optimization) {
    }

    private SoftmaxTrainer(double lambda, TrainingSpec spec) {
        this.lambda = lambda;
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * @param lambda weight decay, ≥ 0 (the UFLDL exercise's is 1e-4), checked by {@link SoftmaxRegression}
     * @param spec   settings (default {@link EvaluationSettings#defaults()}), optimiser, listener
     */
    public static SoftmaxTrainer of(double lambda, TrainingSpec spec) {
        return new SoftmaxTrainer(lambda, spec);
    }

    /**
     * The labels present, in increasing order: class index c stands for label c of the result.
     *
     * @throws IllegalArgumentException if a label is negative or fewer than two classes are present
     */
    public static int[] classLabels(int[] labels) {
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels must be >= 0");
            }
            present.add(labels[i]);
        }
        if (present.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes; the labels have "
                    + present.size());
        }
        return present.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each label's class index among {@code classLabels} (which must hold it). */
    public static int[] classIndices(int[] labels, int[] classLabels) {
        int[] indices = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            indices[i] = Arrays.binarySearch(classLabels, labels[i]);
        }
        return indices;
    }

    /** What decides a softmax run's bits: the model's fields, then {@link RunFingerprint#engine}'s. */
    static Map<String, String> fingerprint(SoftmaxRegression config, Dataset data, int[] classIndices,
                                           EvaluationSettings settings, Optimizer optimizer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", "softmax");
        f.put("features", Integer.toString(config.features()));
        f.put("classes", Integer.toString(config.classes()));
        f.put("lambda", Double.toString(config.lambda()));
        f.put("labels sha-256", RunFingerprint.labelsHash(classIndices));
        f.putAll(RunFingerprint.engine(data.samples(), RunFingerprint.contentHash(data), settings, optimizer));
        return f;
    }

    /**
     * @param labels the label of every sample (any integers ≥ 0)
     * @throws IllegalArgumentException if a label is negative or fewer than two classes are present
     */
    public Result train(Dataset data, int[] labels) {
        Objects.requireNonNull(data, "data");
        if (labels.length != data.samples()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.samples() + " samples");
        }
        int[] classLabels = classLabels(labels);
        int[] indices = classIndices(labels, classLabels);
        SoftmaxRegression config = new SoftmaxRegression(data.features(), classLabels.length, lambda);
        EvaluationSettings s = spec.settings() != null ? spec.settings() : EvaluationSettings.defaults();
        double[] theta0 = spec.start(seed -> new double[config.parameterCount()]);
        config.requireParameters(theta0, "initial parameters");
        ParallelRuntime threads = spec.runtime() != null ? spec.runtime() : ParallelRuntime.create(s.threads());
        try (SoftmaxObjective objective = new SoftmaxObjective(config, data, indices, s, threads)) {
            Optimizer opt = spec.optimizer();
            OptimizationResult r = spec.checkpointing().minimize(opt, objective, theta0, spec.listener(),
                    spec.cancellation(), threads, () -> fingerprint(config, data, indices, s, opt));
            return new Result(new SoftmaxClassifier(config, r.x(), classLabels), r);
        } finally {
            if (spec.runtime() == null) {
                threads.close();
            }
        }
    }
}
