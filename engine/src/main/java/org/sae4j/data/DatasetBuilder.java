package org.sae4j.data;

import org.sae4j.precision.Precision;

/**
 * Fills a heap {@link Dataset} of a known shape range by range, for results computed chunk by chunk
 * (encoded features, whitened samples): the values go into segments of about 1 GiB, so a set may pass
 * the 2³¹ values of one Java array.
 */
public final class DatasetBuilder {
    private final ArrayStorage storage;
    private final Precision precision;
    private boolean built;

    private DatasetBuilder(ArrayStorage storage, Precision precision) {
        this.storage = storage;
        this.precision = precision;
    }

    /** A builder of {@code samples} samples of {@code features} values, all 0 until put. */
    public static DatasetBuilder of(int features, int samples, Precision precision) {
        return new DatasetBuilder(ArrayStorage.allocate(features, samples, precision,
                ArrayStorage.defaultSegmentSamples(features, precision)), precision);
    }

    /** The same, in segments of {@code segmentSamples}: for tests of sets that span segments. */
    static DatasetBuilder of(int features, int samples, Precision precision, int segmentSamples) {
        return new DatasetBuilder(ArrayStorage.allocate(features, samples, precision, segmentSamples), precision);
    }

    /** Samples [first, first + count) from {@code values[offset ..]}, sample after sample; needs an f64 builder. */
    public void put(int first, int count, double[] values, int offset) {
        check(first, count, Precision.F64);
        copy(first, count, values, offset);
    }

    /** The same for an f32 builder. */
    public void put(int first, int count, float[] values, int offset) {
        check(first, count, Precision.F32);
        copy(first, count, values, offset);
    }

    private void copy(int first, int count, Object values, int offset) {
        int v = storage.features;
        int per = storage.segmentSamples();
        for (int s = first, at = offset; s < first + count; ) {
            int seg = s / per;
            int n = (int) Math.min(first + count, (seg + 1L) * per) - s;
            Object segment = precision == Precision.F64 ? storage.doubleSegment(seg) : storage.floatSegment(seg);
            System.arraycopy(values, at, segment, (s % per) * v, n * v);
            at += n * v;
            s += n;
        }
    }

    private void check(int first, int count, Precision p) {
        if (built) {
            throw new IllegalStateException("the dataset is built; a builder fills one dataset");
        }
        if (p != precision) {
            throw new IllegalArgumentException("this builder holds " + precision.shortName() + " values, not "
                    + p.shortName());
        }
        if (first < 0 || count < 0 || first > storage.samples - count) {
            throw new IllegalArgumentException("samples [" + first + ", " + first + " + " + count + ") outside the "
                    + storage.samples + " samples");
        }
    }

    /** The dataset; the builder takes no more values. */
    public Dataset build() {
        built = true;
        return Dataset.of(storage, precision);
    }
}
