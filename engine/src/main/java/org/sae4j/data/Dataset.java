package org.sae4j.data;

import java.util.Objects;

/**
 * A dense training set: {@code features} rows by {@code samples} columns, column-major, so each sample
 * is contiguous. Backed by exactly one of a {@code double[]} ({@link Precision#F64}) or a
 * {@code float[]} ({@link Precision#F32}). The arrays are shared, not copied: do not modify them while
 * an objective uses this set.
 */
public final class Dataset {
    private final int features;
    private final int samples;
    private final double[] f64;
    private final float[] f32;

    private Dataset(int features, int samples, double[] f64, float[] f32) {
        if (features < 1) {
            throw new IllegalArgumentException("dataset features must be >= 1, got " + features);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("dataset is empty: samples must be >= 1, got " + samples);
        }
        long need = (long) features * samples;
        int have = f64 != null ? f64.length : f32.length;
        if (need != have) {
            throw new IllegalArgumentException("dataset of " + features + " features x " + samples
                    + " samples needs " + need + " values, the array has " + have);
        }
        this.features = features;
        this.samples = samples;
        this.f64 = f64;
        this.f32 = f32;
    }

    /** Wraps column-major doubles: value (feature i, sample j) is at {@code j * features + i}. */
    public static Dataset ofDoubles(int features, int samples, double[] values) {
        return new Dataset(features, samples, Objects.requireNonNull(values, "values"), null);
    }

    /** Wraps column-major floats: value (feature i, sample j) is at {@code j * features + i}. */
    public static Dataset ofFloats(int features, int samples, float[] values) {
        return new Dataset(features, samples, null, Objects.requireNonNull(values, "values"));
    }

    /** Rows: the input dimension v. */
    public int features() {
        return features;
    }

    /** Columns: the number of samples m. */
    public int samples() {
        return samples;
    }

    public Precision precision() {
        return f64 != null ? Precision.F64 : Precision.F32;
    }

    /** The backing doubles; only for {@link Precision#F64}. */
    public double[] doubles() {
        if (f64 == null) {
            throw new IllegalStateException("dataset is f32; call toPrecision(Precision.F64) first");
        }
        return f64;
    }

    /** The backing floats; only for {@link Precision#F32}. */
    public float[] floats() {
        if (f32 == null) {
            throw new IllegalStateException("dataset is f64; call toPrecision(Precision.F32) first");
        }
        return f32;
    }

    /** Value of feature {@code i} of sample {@code j}, as a double. */
    public double get(int i, int j) {
        int k = j * features + i;
        return f64 != null ? f64[k] : f32[k];
    }

    /** This set in the given precision: itself when it already is, else a converted copy. */
    public Dataset toPrecision(Precision precision) {
        if (precision == precision()) {
            return this;
        }
        if (precision == Precision.F32) {
            float[] out = new float[f64.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) f64[i];
            }
            return ofFloats(features, samples, out);
        }
        double[] out = new double[f32.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f32[i];
        }
        return ofDoubles(features, samples, out);
    }

    /** The first {@code n} samples, sharing nothing with this set. */
    public Dataset firstSamples(int n) {
        if (n < 1 || n > samples) {
            throw new IllegalArgumentException("first samples: n must be in [1, " + samples + "], got " + n);
        }
        int len = n * features;
        return f64 != null
                ? ofDoubles(features, n, java.util.Arrays.copyOf(f64, len))
                : ofFloats(features, n, java.util.Arrays.copyOf(f32, len));
    }

    /**
     * Throws if any value is NaN or infinite, naming the source, the sample and the feature.
     *
     * @param source where the data came from, for the message (a file name, say)
     */
    public Dataset requireFinite(String source) {
        int n = features * samples;
        for (int k = 0; k < n; k++) {
            double x = f64 != null ? f64[k] : f32[k];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(source + ": sample " + (k / features) + ", feature "
                        + (k % features) + " is " + x + "; expected a finite number");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "Dataset[" + features + " features x " + samples + " samples, " + precision().shortName() + "]";
    }
}
