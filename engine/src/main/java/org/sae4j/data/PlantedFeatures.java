package org.sae4j.data;

import java.util.SplittableRandom;

/**
 * Synthetic activations with a known answer, for judging dictionaries: every sample is a sparse
 * non-negative combination of a few of F planted unit features in d dimensions, more features than
 * dimensions if asked (superposition). A dictionary learned from the samples is then scored by how well
 * its columns recover the planted features ({@link #meanMaxCosine}).
 *
 * <p>The features are Gaussian directions normalised to unit length; each sample takes
 * {@code activePerSample} distinct features, chosen uniformly, with magnitudes uniform in (0, 1]. The
 * Gaussians come from {@link StrictMath}, so the same seed gives the same bits on every JDK. The arrays
 * are the record's own, not copies: read them, do not change them.
 *
 * @param samples    the m samples, d values each
 * @param features   the planted features, d × F column-major, each of unit length
 * @param dimension  d
 * @param count      F
 * @param active     the features of sample s are {@code active[s·k … s·k + k − 1]}, k = {@code activePerSample}
 * @param magnitudes their magnitudes, in the same places
 */
public record PlantedFeatures(Dataset samples, double[] features, int dimension, int count, int[] active,
                              double[] magnitudes) {

    /**
     * @param dimension       d, values per sample
     * @param count           F, planted features
     * @param samples         m
     * @param activePerSample k, features per sample, at most F
     */
    public static PlantedFeatures generate(int dimension, int count, int samples, int activePerSample, long seed) {
        if (dimension < 1 || count < 1 || samples < 1 || activePerSample < 1 || activePerSample > count) {
            throw new IllegalArgumentException("need d, F, m >= 1 and 1 <= k <= F, got d = " + dimension + ", F = "
                    + count + ", m = " + samples + ", k = " + activePerSample);
        }
        if ((long) dimension * Math.max(samples, count) > Integer.MAX_VALUE - 8
                || (long) samples * activePerSample > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("d = " + dimension + ", F = " + count + ", m = " + samples + " and k = "
                    + activePerSample + " need arrays of more than 2^31 values");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] features = new double[dimension * count];
        for (int f = 0; f < count; f++) {
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                double g = gaussian(rnd);
                features[f * dimension + i] = g;
                norm += g * g;
            }
            double scale = 1 / StrictMath.sqrt(norm);
            for (int i = 0; i < dimension; i++) {
                features[f * dimension + i] *= scale;
            }
        }
        int[] active = new int[samples * activePerSample];
        double[] magnitudes = new double[samples * activePerSample];
        double[] x = new double[dimension * samples];
        int[] order = new int[count];
        for (int f = 0; f < count; f++) {
            order[f] = f;
        }
        for (int s = 0; s < samples; s++) {
            // the first k of a partial Fisher-Yates shuffle: k distinct features
            for (int j = 0; j < activePerSample; j++) {
                int pick = j + rnd.nextInt(count - j);
                int chosen = order[pick];
                order[pick] = order[j];
                order[j] = chosen;
                double a = 1 - rnd.nextDouble();
                active[s * activePerSample + j] = chosen;
                magnitudes[s * activePerSample + j] = a;
                for (int i = 0; i < dimension; i++) {
                    x[s * dimension + i] += a * features[chosen * dimension + i];
                }
            }
        }
        return new PlantedFeatures(Dataset.ofDoubles(dimension, samples, x), features, dimension, count, active,
                magnitudes);
    }

    /** A standard normal by Box–Muller on correctly rounded operations. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }

    /**
     * The mean over the planted features of the largest cosine similarity between the feature and any
     * column of {@code dictionary} (d × {@code columns}, column-major, of any lengths): 1 when every
     * planted feature is a column's direction, near 0 for unrelated directions. Columns of zero length
     * match nothing.
     */
    public double meanMaxCosine(double[] dictionary, int columns) {
        return meanMaxCosine(features, dimension, count, dictionary, columns);
    }

    /**
     * {@link #meanMaxCosine(double[], int)} of planted features read back from a file: {@code planted} holds
     * {@code count} unit features of d values, d × count column-major (a (count, d) NPY array in C order).
     */
    public static double meanMaxCosine(double[] planted, int dimension, int count, double[] dictionary, int columns) {
        if (dimension < 1 || count < 1 || planted.length != (long) dimension * count) {
            throw new IllegalArgumentException(count + " planted features of d = " + dimension + " need "
                    + (long) dimension * count + " values, got " + planted.length);
        }
        if (columns < 1 || dictionary.length != (long) dimension * columns) {
            throw new IllegalArgumentException("a dictionary of " + columns + " columns of d = " + dimension
                    + " needs " + (long) dimension * columns + " values, got " + dictionary.length);
        }
        double[] inverseNorms = new double[columns];
        for (int c = 0; c < columns; c++) {
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                norm += dictionary[c * dimension + i] * dictionary[c * dimension + i];
            }
            inverseNorms[c] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        }
        double sum = 0;
        for (int f = 0; f < count; f++) {
            double best = -1;
            for (int c = 0; c < columns; c++) {
                double dot = 0;
                for (int i = 0; i < dimension; i++) {
                    dot += planted[f * dimension + i] * dictionary[c * dimension + i];
                }
                best = Math.max(best, dot * inverseNorms[c]);
            }
            sum += best;
        }
        return sum / count;
    }
}
