package org.sae4j.data;

import org.sae4j.precision.Precision;

/**
 * Values on the heap as {@code double[]} or {@code float[]} segments of {@code segmentSamples} whole
 * samples each (the last may hold fewer): one segment for sets below 2³¹ values, as many as needed past
 * that. A chunk inside one segment is read in place, with no copy.
 */
final class ArrayStorage extends SampleStorage {
    private final double[][] f64;
    private final float[][] f32;
    private final int segmentSamples;

    private ArrayStorage(int features, int samples, int segmentSamples, double[][] f64, float[][] f32) {
        super(features, samples);
        this.segmentSamples = segmentSamples;
        this.f64 = f64;
        this.f32 = f32;
        int segments = f64 != null ? f64.length : f32.length;
        for (int s = 0; s < segments; s++) {
            long need = (long) segmentSize(s) * features;
            int have = f64 != null ? f64[s].length : f32[s].length;
            if (need != have) {
                throw new IllegalArgumentException(segments == 1 ? "dataset of " + features + " features x " + samples
                        + " samples needs " + need + " values, the array has " + have
                        : "segment " + s + " needs " + need + " values, it has " + have);
            }
        }
    }

    static ArrayStorage ofDoubles(int features, int samples, double[] values) {
        return new ArrayStorage(features, samples, samples, new double[][] {values}, null);
    }

    static ArrayStorage ofFloats(int features, int samples, float[] values) {
        return new ArrayStorage(features, samples, samples, null, new float[][] {values});
    }

    /** Zero-filled segments of at most {@code segmentSamples} samples, to be filled by their maker. */
    static ArrayStorage allocate(int features, int samples, Precision precision, int segmentSamples) {
        int segments = (int) ((samples + (long) segmentSamples - 1) / segmentSamples);
        if (precision == Precision.F64) {
            double[][] a = new double[segments][];
            for (int s = 0; s < segments; s++) {
                a[s] = new double[Math.multiplyExact(size(s, samples, segmentSamples), features)];
            }
            return new ArrayStorage(features, samples, segmentSamples, a, null);
        }
        float[][] a = new float[segments][];
        for (int s = 0; s < segments; s++) {
            a[s] = new float[Math.multiplyExact(size(s, samples, segmentSamples), features)];
        }
        return new ArrayStorage(features, samples, segmentSamples, null, a);
    }

    /** Segments of about {@link #SEGMENT_BYTES} for this shape and precision. */
    static int defaultSegmentSamples(int features, Precision precision) {
        return segmentSamples((long) features * (precision == Precision.F64 ? 8 : 4), SEGMENT_BYTES);
    }

    private static int size(int segment, int samples, int segmentSamples) {
        return (int) Math.min(segmentSamples, samples - (long) segment * segmentSamples);
    }

    private int segmentSize(int segment) {
        return size(segment, samples, segmentSamples);
    }

    int segments() {
        return f64 != null ? f64.length : f32.length;
    }

    /** Segment {@code s}'s array, for its maker to fill. */
    double[] doubleSegment(int s) {
        return f64[s];
    }

    float[] floatSegment(int s) {
        return f32[s];
    }

    int segmentSamples() {
        return segmentSamples;
    }

    Precision precision() {
        return f64 != null ? Precision.F64 : Precision.F32;
    }

    @Override
    ValueType type() {
        return f64 != null ? ValueType.F64 : ValueType.F32;
    }

    @Override
    long heapBytes() {
        return storedBytes();
    }

    @Override
    double value(int sample, int feature) {
        int k = (sample % segmentSamples) * features + feature;
        return f64 != null ? f64[sample / segmentSamples][k] : f32[sample / segmentSamples][k];
    }

    @Override
    SampleStorage select(int[] indices) {
        ArrayStorage out = allocate(features, indices.length, precision(), defaultSegmentSamples(features, precision()));
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i];
            int src = (from % segmentSamples) * features;
            int dst = (i % out.segmentSamples) * features;
            if (f64 != null) {
                System.arraycopy(f64[from / segmentSamples], src, out.f64[i / out.segmentSamples], dst, features);
            } else {
                System.arraycopy(f32[from / segmentSamples], src, out.f32[i / out.segmentSamples], dst, features);
            }
        }
        return out;
    }

    @Override
    double[] directDoubles(int first, int count) {
        return f64 != null && first / segmentSamples == (first + count - 1) / segmentSamples
                ? f64[first / segmentSamples] : null;
    }

    @Override
    float[] directFloats(int first, int count) {
        return f32 != null && first / segmentSamples == (first + count - 1) / segmentSamples
                ? f32[first / segmentSamples] : null;
    }

    @Override
    int directOffset(int first) {
        return (first % segmentSamples) * features;
    }

    @Override
    Cursor cursor(int maxValues, double scale, Precision precision) {
        return new Cursor() {
            @Override
            void read(int first, int count, Object dst, int offset) {
                int at = offset;
                for (int s = first; s < first + count; ) {
                    int seg = s / segmentSamples;
                    int n = (int) Math.min(first + count, (seg + 1L) * segmentSamples) - s;
                    int from = (s % segmentSamples) * features;
                    int len = n * features;
                    if (dst instanceof double[] d) {
                        copy(seg, from, len, d, at, scale);
                    } else {
                        copy(seg, from, len, (float[]) dst, at, scale);
                    }
                    at += len;
                    s += n;
                }
            }
        };
    }

    private void copy(int seg, int from, int len, double[] dst, int at, double scale) {
        if (f64 != null && scale == 1) {
            System.arraycopy(f64[seg], from, dst, at, len);
        } else if (f64 != null) {
            double[] a = f64[seg];
            for (int i = 0; i < len; i++) {
                dst[at + i] = a[from + i] * scale;
            }
        } else {
            float[] a = f32[seg];
            for (int i = 0; i < len; i++) {
                dst[at + i] = a[from + i] * scale;
            }
        }
    }

    private void copy(int seg, int from, int len, float[] dst, int at, double scale) {
        if (f32 != null && scale == 1) {
            System.arraycopy(f32[seg], from, dst, at, len);
        } else if (f32 != null) {
            float[] a = f32[seg];
            for (int i = 0; i < len; i++) {
                dst[at + i] = (float) (a[from + i] * scale);
            }
        } else {
            double[] a = f64[seg];
            for (int i = 0; i < len; i++) {
                dst[at + i] = (float) (a[from + i] * scale);
            }
        }
    }
}
