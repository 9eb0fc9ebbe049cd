package org.sae4j.classify;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.data.Dataset;
import org.sae4j.optim.Lbfgs;
import org.sae4j.optim.OptimizationResult;
import org.sae4j.optim.Optimizer;
import org.sae4j.optim.ProgressListener;
import org.sae4j.parallel.ParallelRuntime;

/**
 * Trains a {@link SoftmaxClassifier} with the engine's optimiser (L-BFGS by default) from θ = 0. The
 * classes are the labels present in the training set, in increasing order.
 *
 * <pre>{@code
 * SoftmaxClassifier c = SoftmaxTrainer.of(features, labels).lambda(1e-4).train().classifier();
 * int label = c.predict(sample);
 * }</pre>
 */
public final class SoftmaxTrainer {
    private final Dataset data;
    private final int[] labels;
    private double lambda = 1e-4;
    private EvaluationSettings settings;
    private Optimizer optimizer;
    private ProgressListener listener;

    /** The outcome: the classifier and how the optimiser stopped. */
    public record Result(SoftmaxClassifier classifier, OptimizationResult optimization) {
    }

    private SoftmaxTrainer(Dataset data, int[] labels) {
        this.data = Objects.requireNonNull(data, "data");
        this.labels = Objects.requireNonNull(labels, "labels").clone();
        if (labels.length != data.samples()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.samples() + " samples");
        }
    }

    /** @param labels the label of every sample (any integers ≥ 0) */
    public static SoftmaxTrainer of(Dataset data, int[] labels) {
        return new SoftmaxTrainer(data, labels);
    }

    /** Weight decay, ≥ 0 (default 1e-4, the UFLDL exercise's). */
    public SoftmaxTrainer lambda(double lambda) {
        this.lambda = lambda;
        return this;
    }

    /** Backend, threads, chunk size (default: {@link EvaluationSettings#defaults()}). */
    public SoftmaxTrainer settings(EvaluationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The optimiser (default L-BFGS, 400 iterations). */
    public SoftmaxTrainer optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return this;
    }

    public SoftmaxTrainer listener(ProgressListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * @throws IllegalArgumentException if a label is negative or fewer than two classes are present
     */
    public Result train() {
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels must be >= 0");
            }
            present.add(labels[i]);
        }
        int[] classLabels = present.stream().mapToInt(Integer::intValue).toArray();
        int[] indices = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            indices[i] = Arrays.binarySearch(classLabels, labels[i]);
        }
        SoftmaxRegression config = new SoftmaxRegression(data.features(), classLabels.length, lambda);
        EvaluationSettings s = settings != null ? settings : EvaluationSettings.defaults();
        Optimizer opt = optimizer != null ? optimizer : Lbfgs.withDefaults();
        try (ParallelRuntime threads = ParallelRuntime.create(s.threads());
             SoftmaxObjective objective = new SoftmaxObjective(config, data, indices, s, threads)) {
            OptimizationResult r = opt.minimize(objective, new double[config.parameterCount()], listener, null,
                    threads);
            return new Result(new SoftmaxClassifier(config, r.x(), classLabels), r);
        }
    }
}
