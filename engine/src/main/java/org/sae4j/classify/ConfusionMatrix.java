package org.sae4j.classify;

import java.util.Arrays;
import java.util.TreeSet;
import org.sae4j.data.Dataset;

/**
 * How a classifier's predictions on labelled data compare with the true labels: counts[t][p] samples of
 * true label labels()[t] predicted as labels()[p]. The labels are those the classifier knows together with
 * those in the data, in increasing order, so a test label unseen in training shows as a row that is never
 * right.
 */
public final class ConfusionMatrix {
    private final int[] labels;
    private final long[][] counts;

    private ConfusionMatrix(int[] labels, long[][] counts) {
        this.labels = labels;
        this.counts = counts;
    }

    /**
     * Predicts every sample of {@code data} with {@code classifier} and counts the outcomes.
     *
     * @throws IllegalArgumentException if the label count differs from the samples or the features from the
     *                                  classifier's
     */
    public static ConfusionMatrix of(SoftmaxClassifier classifier, Dataset data, int[] trueLabels) {
        if (trueLabels.length != data.samples()) {
            throw new IllegalArgumentException(trueLabels.length + " labels for " + data.samples() + " samples");
        }
        return of(classifier.predict(data), trueLabels, classifier.classLabels());
    }

    /**
     * Counts predictions made elsewhere (by a stacked network, say).
     *
     * @param known the labels the predictor knows
     * @throws IllegalArgumentException if there are not as many predictions as true labels
     */
    public static ConfusionMatrix of(int[] predicted, int[] trueLabels, int[] known) {
        if (predicted.length != trueLabels.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + trueLabels.length + " labels");
        }
        TreeSet<Integer> all = new TreeSet<>();
        for (int l : known) {
            all.add(l);
        }
        for (int l : predicted) {
            all.add(l);
        }
        for (int l : trueLabels) {
            all.add(l);
        }
        int[] labels = all.stream().mapToInt(Integer::intValue).toArray();
        long[][] counts = new long[labels.length][labels.length];
        for (int s = 0; s < predicted.length; s++) {
            counts[Arrays.binarySearch(labels, trueLabels[s])][Arrays.binarySearch(labels, predicted[s])]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The labels of the rows and columns, increasing. */
    public int[] labels() {
        return labels.clone();
    }

    /** counts[t][p]: samples of true label labels()[t] predicted as labels()[p]; a copy. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Samples counted. */
    public long samples() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Samples predicted right. */
    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i][i];
        }
        return n;
    }

    /** The fraction predicted right. */
    public double accuracy() {
        return (double) correct() / samples();
    }

    /** For each label, the fraction of its samples predicted right (its recall); NaN for a label without samples. */
    public double[] perClassAccuracy() {
        double[] a = new double[labels.length];
        for (int t = 0; t < labels.length; t++) {
            long n = 0;
            for (long c : counts[t]) {
                n += c;
            }
            a[t] = n == 0 ? Double.NaN : (double) counts[t][t] / n;
        }
        return a;
    }
}
