package org.sae4j.data;

import java.nio.file.Path;
import org.sae4j.precision.Precision;

/**
 * Where the values of a {@link Dataset} are: arrays on the heap ({@link ArrayStorage}) or byte buffers,
 * on the heap or mapped from a file ({@link BufferStorage}). Sample s's {@code features} values are
 * consecutive. A storage knows how to convert ranges of samples; views, scale and precision are the
 * dataset's.
 */
abstract class SampleStorage {
    /** The most samples one segment or window of a storage holds, by default: about 1 GiB of values. */
    static final long SEGMENT_BYTES = 1L << 30;

    final int features;
    final int samples;

    SampleStorage(int features, int samples) {
        if (features < 1) {
            throw new IllegalArgumentException("dataset features must be >= 1, got " + features);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("dataset is empty: samples must be >= 1, got " + samples);
        }
        this.features = features;
        this.samples = samples;
    }

    /** Samples per segment for {@code rowBytes} bytes a sample: as many whole samples as fit the target size. */
    static int segmentSamples(long rowBytes, long segmentBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, segmentBytes / rowBytes));
    }

    abstract ValueType type();

    /** Bytes of values held on the heap (0 for a mapped file). */
    abstract long heapBytes();

    /** Bytes of values, wherever they are. */
    final long storedBytes() {
        return (long) features * samples * type().bytes();
    }

    /** The mapped file, or null. */
    Path file() {
        return null;
    }

    /** Bytes converted out of a mapped file since it was opened (0 on the heap). */
    long bytesRead() {
        return 0;
    }

    /** Throws if a mapped file is no longer what was mapped. */
    void checkUnchanged() throws DataFileException {
    }

    /** Value {@code feature} of sample {@code sample}, as stored, exactly as a double (I64 rounded). */
    abstract double value(int sample, int feature);

    /** A new heap storage of the given samples, in this order, in this type. */
    abstract SampleStorage select(int[] samples);

    /** The array that holds samples [first, first + count) whole, for reading in place; or null. */
    double[] directDoubles(int first, int count) {
        return null;
    }

    /** The same for floats. */
    float[] directFloats(int first, int count) {
        return null;
    }

    /** The index of sample {@code first}'s first value in its {@link #directDoubles} or {@link #directFloats} array. */
    int directOffset(int first) {
        throw new IllegalStateException("no direct access");
    }

    /** One reader's conversion state: buffers and tables made once, then reused for every range. */
    abstract Cursor cursor(int maxValues, double scale, Precision precision);

    /**
     * Converts ranges of samples: stored value × scale, rounded once to the cursor's precision. A
     * destination is a {@code double[]} for an f64 cursor, a {@code float[]} for an f32 one.
     */
    abstract static class Cursor {
        /** Samples [first, first + count), one after the other, into {@code dst} from {@code offset}. */
        abstract void read(int first, int count, Object dst, int offset);

        /** Samples {@code samples[from ..< from + count]}, one after the other, into {@code dst} from 0. */
        void gather(int[] samples, int from, int count, Object dst, int features) {
            for (int k = 0; k < count; k++) {
                read(samples[from + k], 1, dst, k * features);
            }
        }
    }
}
