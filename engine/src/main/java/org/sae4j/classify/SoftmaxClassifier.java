package org.sae4j.classify;

import java.util.Objects;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.precision.Precision;

/**
 * A trained softmax classifier: the configuration, θ, and the label each class index stands for. Predicting
 * allocates nothing after construction; one instance keeps a scratch array, so make one per thread
 * ({@link #copy()} is cheap: θ is shared).
 */
public final class SoftmaxClassifier {
    private final SoftmaxRegression config;
    private final double[] theta;
    private final int[] classLabels;
    private final double[] scores;

    /**
     * @param classLabels the label of class index c at position c, in increasing order
     */
    public SoftmaxClassifier(SoftmaxRegression config, double[] theta, int[] classLabels) {
        this.config = Objects.requireNonNull(config, "config");
        config.requireParameters(theta, "theta");
        if (classLabels.length != config.classes()) {
            throw new IllegalArgumentException(classLabels.length + " class labels for " + config.classes()
                    + " classes");
        }
        this.theta = theta.clone();
        this.classLabels = classLabels.clone();
        this.scores = new double[config.classes()];
    }

    private SoftmaxClassifier(SoftmaxClassifier other) {
        this.config = other.config;
        this.theta = other.theta;
        this.classLabels = other.classLabels;
        this.scores = new double[config.classes()];
    }

    /** Another instance for another thread, sharing θ. */
    public SoftmaxClassifier copy() {
        return new SoftmaxClassifier(this);
    }

    public SoftmaxRegression config() {
        return config;
    }

    /** A copy of θ. */
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of the class labels, class index c's at position c. */
    public int[] classLabels() {
        return classLabels.clone();
    }

    /** The class index with the highest probability for {@code x} (the lowest index on a tie). */
    public int predictIndex(double[] x) {
        int v = config.features();
        if (x.length != v) {
            throw new IllegalArgumentException("a sample needs " + v + " features, got " + x.length);
        }
        int k = config.classes();
        int b = config.biasOffset();
        for (int c = 0; c < k; c++) {
            scores[c] = theta[b + c];
        }
        for (int j = 0; j < v; j++) {
            double xj = x[j];
            int col = j * k;
            for (int c = 0; c < k; c++) {
                scores[c] += theta[col + c] * xj;
            }
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The label of the predicted class. */
    public int predict(double[] x) {
        return classLabels[predictIndex(x)];
    }

    /**
     * The predicted label of every sample of {@code data}.
     *
     * @throws IllegalArgumentException if the data's samples do not have the classifier's features
     */
    public int[] predict(Dataset data) {
        int v = config.features();
        if (data.features() != v) {
            throw new IllegalArgumentException("the data has " + data.features() + " features per sample but the"
                    + " classifier has " + v);
        }
        int[] labels = new int[data.samples()];
        double[] sample = new double[v];
        int block = Math.min(data.samples(), Math.max(1, (1 << 16) / v));
        SampleReader reader = data.reader(block);
        for (int first = 0; first < labels.length; first += block) {
            int n = Math.min(block, labels.length - first);
            reader.read(first, n);
            int at = reader.offset();
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < v; j++) {
                    sample[j] = data.precision() == Precision.F64 ? reader.doubles()[at + s * v + j]
                            : reader.floats()[at + s * v + j];
                }
                labels[first + s] = predict(sample);
            }
        }
        return labels;
    }
}
