package org.sae4j.data;

import org.sae4j.precision.Precision;

/**
 * Reads consecutive samples of a {@link Dataset} in its precision, one range at a time, allocating
 * nothing per read: where the set is a heap array of that precision the values are read in place (the
 * array itself is handed out), otherwise they are copied or converted into this reader's own buffer, one
 * pass over the range's bytes. After {@link #read}, the range's values are at {@link #doubles()} (or
 * {@link #floats()}) from {@link #offset()}, sample after sample, until the next read.
 *
 * <p>Not thread-safe: one reader per thread (the engine makes one per worker).
 */
public final class SampleReader {
    private final Dataset data;
    private final SampleStorage storage;
    private final SampleStorage.Cursor cursor;
    private final int maxSamples;
    private final int features;
    private final boolean f64;
    private double[] buffer64;
    private float[] buffer32;
    private double[] current64;
    private float[] current32;
    private int offset;

    SampleReader(Dataset data, int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("a reader reads at least 1 sample at a time, got " + maxSamples);
        }
        this.data = data;
        this.storage = data.storage();
        this.features = data.features();
        this.maxSamples = Math.min(maxSamples, data.samples());
        this.f64 = data.precision() == Precision.F64;
        int values = Math.multiplyExact(this.maxSamples, features);
        this.cursor = storage.cursor(values, data.scale(), data.precision());
        // a reader of a heap array in its precision needs a buffer only for a range that spans two segments
        if (!data.readsArraysAsTheyAre()) {
            allocate();
        }
    }

    private void allocate() {
        int values = maxSamples * features;
        if (f64) {
            buffer64 = new double[values];
        } else {
            buffer32 = new float[values];
        }
    }

    /** The most samples one read may take. */
    public int maxSamples() {
        return maxSamples;
    }

    /**
     * Makes samples [{@code first}, {@code first + count}) of the dataset available.
     *
     * @throws java.io.UncheckedIOException wrapping a {@link DataFileException} naming the file when the
     *                                      file a set is mapped from was cut short under it
     */
    public void read(int first, int count) {
        if (count < 1 || count > maxSamples || first < 0 || first > data.samples() - count) {
            throw new IllegalArgumentException("read of samples [" + first + ", " + first + " + " + count + ") from "
                    + data + " with a reader of at most " + maxSamples);
        }
        try {
            readRange(first, count);
        } catch (InternalError e) {
            throw data.named(e);
        }
    }

    private void readRange(int first, int count) {
        if (data.indexed()) {
            data.gather(cursor, first, count, f64 ? buffer64 : buffer32);
            current64 = buffer64;
            current32 = buffer32;
            offset = 0;
            return;
        }
        int s = data.first() + first;
        if (data.readsArraysAsTheyAre()) {
            double[] a64 = f64 ? storage.directDoubles(s, count) : null;
            float[] a32 = f64 ? null : storage.directFloats(s, count);
            if (a64 != null || a32 != null) {
                current64 = a64;
                current32 = a32;
                offset = storage.directOffset(s);
                return;
            }
            if (buffer64 == null && buffer32 == null) {
                allocate();
            }
        }
        cursor.read(s, count, f64 ? buffer64 : buffer32, 0);
        current64 = buffer64;
        current32 = buffer32;
        offset = 0;
    }

    /** The array holding the last range read, for an f64 set. */
    public double[] doubles() {
        return current64;
    }

    /** The array holding the last range read, for an f32 set. */
    public float[] floats() {
        return current32;
    }

    /** Where the last range's first value is in {@link #doubles()} or {@link #floats()}. */
    public int offset() {
        return offset;
    }
}
