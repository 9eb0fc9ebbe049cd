package org.sae4j.data;

import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * A training set of {@code features} values a sample, read by the engine chunk by chunk through a
 * {@link SampleReader}. It is a view over a store of any size:
 *
 * <ul>
 *   <li>heap arrays ({@link #ofDoubles}, {@link #ofFloats}), read in place when their precision is the
 *       one computed in;</li>
 *   <li>several such arrays (segments), for sets past 2³¹ values on the heap;</li>
 *   <li>bytes in their own type ({@link ValueType}: pixel bytes stay one byte a value), on the heap or
 *       mapped from a file ({@link NpyReader#mapSamples}, {@link IdxReader#mapImages}) and never loaded
 *       whole.</li>
 * </ul>
 *
 * <p>A value is read as the stored value (exactly as a double) times the set's {@linkplain #scaled scale},
 * rounded once to the set's {@link #precision()}; so the same values give the same bits from every kind
 * of store. A dataset is immutable; arrays passed to the factories are shared, not copied, and must not
 * change while the set is in use. Sample s holds its values consecutively.
 */
public final class Dataset {
    private final SampleStorage storage;
    /** The storage samples of this view, or null for the consecutive ones from {@link #first}. */
    private final int[] index;
    private final int first;
    private final int samples;
    private final double scale;
    private final Precision precision;

    private Dataset(SampleStorage storage, int[] index, int first, int samples, double scale, Precision precision) {
        this.storage = storage;
        this.index = index;
        this.first = first;
        this.samples = samples;
        this.scale = scale;
        this.precision = precision;
    }

    private Dataset(SampleStorage storage, int first, int samples, double scale, Precision precision) {
        this(storage, null, first, samples, scale, precision);
    }

    static Dataset of(SampleStorage storage, Precision precision) {
        return new Dataset(storage, 0, storage.samples, 1, precision);
    }

    /** Column-major doubles: value (feature i, sample j) is at {@code j * features + i}. */
    public static Dataset ofDoubles(int features, int samples, double[] values) {
        return of(ArrayStorage.ofDoubles(features, samples, Objects.requireNonNull(values, "values")), Precision.F64);
    }

    /** Column-major floats: value (feature i, sample j) is at {@code j * features + i}. */
    public static Dataset ofFloats(int features, int samples, float[] values) {
        return of(ArrayStorage.ofFloats(features, samples, Objects.requireNonNull(values, "values")), Precision.F32);
    }

    /**
     * Column-major bytes kept as bytes ({@link ValueType#U8} or {@link ValueType#I8}), read in
     * {@code precision}: a quarter of the memory of floats, an eighth of doubles.
     */
    public static Dataset ofBytes(int features, int samples, ValueType type, byte[] values, Precision precision) {
        if (type.bytes() != 1) {
            throw new IllegalArgumentException("bytes hold u8 or i8 values, not " + type.shortName());
        }
        return of(BufferStorage.ofBytes(features, samples, type, ByteOrder.nativeOrder(),
                Objects.requireNonNull(values, "values")), Objects.requireNonNull(precision, "precision"));
    }

    /** Rows: the input dimension v. */
    public int features() {
        return storage.features;
    }

    /** Columns: the number of samples m. */
    public int samples() {
        return samples;
    }

    /** The precision values are read in. */
    public Precision precision() {
        return precision;
    }

    /** How the values are stored. */
    public ValueType storedType() {
        return storage.type();
    }

    /** The factor each stored value is multiplied by when read (1 unless {@link #scaled} made a view). */
    public double scale() {
        return scale;
    }

    /**
     * Bytes this set keeps on the heap: its whole store's (a view of part of a store keeps all of it), 0
     * when the values are mapped from a file.
     */
    public long heapBytes() {
        return storage.heapBytes() + (index != null ? 4L * index.length : 0);
    }

    /**
     * Bytes on the heap of this set once read in {@code precision}: {@link #heapBytes()} plus the arrays
     * {@link #toPrecision} would make.
     */
    public long heapBytesIn(Precision precision) {
        boolean copies = precision != this.precision && storage instanceof ArrayStorage;
        return heapBytes() + (copies ? (long) features() * samples * (precision == Precision.F64 ? 8 : 4) : 0);
    }

    /**
     * Whether the engine reads this set in place, as heap arrays (converted once into new arrays when it
     * computes in the other precision), rather than chunk by chunk into a buffer per worker.
     */
    public boolean readsInPlace() {
        return storage instanceof ArrayStorage;
    }

    /** Bytes of this set's values as stored, on the heap or in a file. */
    public long storedBytes() {
        return (long) features() * samples * storage.type().bytes();
    }

    /** The file this set is mapped from, if it is. */
    public Optional<Path> mappedFile() {
        return Optional.ofNullable(storage.file());
    }

    /**
     * The bytes read so far out of the mapped file this set is a view of (all views of one file count
     * together); 0 for a set on the heap.
     */
    public long bytesRead() {
        return storage.bytesRead();
    }

    /**
     * Fails when the file this set is mapped from has changed since it was mapped (its size, time or
     * identity): a file replaced or cut short under a run must end it with a message, not a crash.
     *
     * @throws UncheckedIOException wrapping a {@link DataFileException} naming the file
     */
    public void requireUnchanged() {
        try {
            storage.checkUnchanged();
        } catch (DataFileException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a fault of a read of this set means: a file cut short under its mapping makes the JVM throw an
     * {@link InternalError}, at the read or a little later (some JVMs deliver it after the read that made
     * it). A caller that catches one writes {@code throw data.named(e)}: this returns the failure naming the
     * file, or, when the file is as it was (the error is something else), throws the error itself.
     */
    public UncheckedIOException named(InternalError fault) {
        try {
            storage.checkUnchanged();
        } catch (DataFileException e) {
            e.addSuppressed(fault);
            return new UncheckedIOException(e);
        }
        throw fault;
    }

    /**
     * A reader of at most {@code maxSamples} samples at a time, with its buffers made now: one per
     * thread, reused for every read.
     */
    public SampleReader reader(int maxSamples) {
        return new SampleReader(this, maxSamples);
    }

    SampleStorage storage() {
        return storage;
    }

    /** The storage index of this view's first sample; for consecutive samples only. */
    int first() {
        return first;
    }

    /** Whether this view picks its samples one by one ({@link #select} of a mapped file). */
    boolean indexed() {
        return index != null;
    }

    /** Reads this indexed view's samples [first, first + count) into {@code dst} through {@code cursor}. */
    void gather(SampleStorage.Cursor cursor, int first, int count, Object dst) {
        cursor.gather(index, this.first + first, count, dst, features());
    }

    /** The storage's index of this view's sample {@code j}. */
    int storageIndex(int j) {
        return index != null ? index[first + j] : first + j;
    }

    /** Whether reads may point into the storage's own arrays, as they are. */
    boolean readsArraysAsTheyAre() {
        return scale == 1 && index == null && storage instanceof ArrayStorage a && a.precision() == precision;
    }

    /** The backing doubles of a set made by {@link #ofDoubles}, whole. */
    public double[] doubles() {
        return wholeArray(Precision.F64);
    }

    /** The backing floats of a set made by {@link #ofFloats}, whole. */
    public float[] floats() {
        return wholeArray(Precision.F32);
    }

    @SuppressWarnings("unchecked")
    private <T> T wholeArray(Precision p) {
        if (precision != p) {
            throw new IllegalStateException("dataset is " + precision.shortName() + "; call toPrecision(Precision."
                    + p + ") first");
        }
        if (!(readsArraysAsTheyAre() && ((ArrayStorage) storage).segments() == 1 && first == 0 && samples == storage.samples)) {
            throw new IllegalStateException("the values of " + this + " are not one array; read them with reader()");
        }
        ArrayStorage a = (ArrayStorage) storage;
        return (T) (p == Precision.F64 ? a.doubleSegment(0) : a.floatSegment(0));
    }

    /** Value of feature {@code i} of sample {@code j}, as read (scaled, in this set's precision), as a double. */
    public double get(int i, int j) {
        if (i < 0 || i >= features() || j < 0 || j >= samples) {
            throw new IndexOutOfBoundsException("value (" + i + ", " + j + ") outside " + this);
        }
        double x = storage.value(storageIndex(j), i) * scale;
        return precision == Precision.F32 ? (float) x : x;
    }

    /**
     * This set read in {@code precision}. Heap arrays of the other precision are converted into new
     * arrays (so that the engine reads them in place); every other store is the same store, read in the
     * new precision.
     */
    public Dataset toPrecision(Precision precision) {
        if (precision == this.precision) {
            return this;
        }
        if (storage instanceof ArrayStorage) {
            return copy(precision);
        }
        return new Dataset(storage, index, first, samples, scale, precision);
    }

    /**
     * This set with every value multiplied by {@code factor} (e.g. {@code 1.0 / 255} for pixel bytes).
     * Heap arrays are multiplied into new arrays, so the engine still reads them in place; every other
     * store multiplies as it reads, at no cost in memory. Either way the value is the stored one times the
     * factor, rounded once.
     */
    public Dataset scaled(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite, got " + factor);
        }
        if (storage instanceof ArrayStorage) {
            return new Dataset(storage, first, samples, factor, precision).copy(precision);
        }
        return new Dataset(storage, index, first, samples, scale * factor, precision);
    }

    /** The values as read, into new heap arrays of {@code precision}. */
    private Dataset copy(Precision to) {
        ArrayStorage out = ArrayStorage.allocate(features(), samples, to, ArrayStorage.defaultSegmentSamples(features(), to));
        SampleStorage.Cursor cursor = storage.cursor(0, scale, to);
        int per = out.segmentSamples();
        for (int s = 0; s < out.segments(); s++) {
            int from = s * per;
            int n = (int) Math.min(per, samples - (long) from);
            cursor.read(first + from, n, to == Precision.F64 ? out.doubleSegment(s) : out.floatSegment(s), 0);
        }
        return of(out, to);
    }

    /** The first {@code n} samples: a view, no copy. */
    public Dataset firstSamples(int n) {
        return range(0, n);
    }

    /** Samples [{@code from}, {@code from + count}): a view, no copy. */
    public Dataset range(int from, int count) {
        if (from < 0 || count < 1 || from > samples - count) {
            throw new IllegalArgumentException("samples [" + from + ", " + from + " + " + count + ") are not within the "
                    + samples + " samples of " + this);
        }
        return new Dataset(storage, index, first + from, count, scale, precision);
    }

    /**
     * The samples at {@code indices}, in that order, with the same scale and precision: copied onto the
     * heap in the stored type (bytes stay bytes), or, for a set mapped from a file, a view that reads them
     * there one by one (the file may be larger than the heap).
     */
    public Dataset select(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("select: no samples chosen from " + this);
        }
        int[] at = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= samples) {
                throw new IndexOutOfBoundsException("sample " + indices[i] + " outside the " + samples + " of " + this);
            }
            at[i] = storageIndex(indices[i]);
        }
        if (storage.file() != null) {
            return new Dataset(storage, at, 0, indices.length, scale, precision);
        }
        return new Dataset(storage.select(at), 0, indices.length, scale, precision);
    }

    /**
     * Throws if any value, as read, is NaN or infinite, naming the source, the sample and the feature.
     * Integer types are checked from their range alone; floating-point stores are read through once.
     *
     * @param source where the data came from, for the message (a file name, say)
     */
    public Dataset requireFinite(String source) {
        return requireFinite(source, ParallelRuntime.singleThreaded());
    }

    /**
     * The same, reading on {@code runtime}'s threads; the first non-finite value is the one named, whatever
     * the threads.
     */
    public Dataset requireFinite(String source, ParallelRuntime runtime) {
        ValueType t = storage.type();
        if (!t.isFloatingPoint()) {
            double largest = t.largestMagnitude() * Math.abs(scale);
            if (Double.isFinite(precision == Precision.F32 ? (float) largest : largest)) {
                return this;
            }
        }
        int v = features();
        Chunks blocks = Chunks.of(samples, Math.max(1, (1 << 16) / v));
        int workers = Math.min(runtime.threads(), blocks.count());
        SampleReader[] readers = new SampleReader[workers];
        for (int w = 0; w < workers; w++) {
            readers[w] = reader(blocks.largest());
        }
        long[] firstBad = new long[blocks.count()];
        new ChunkRunner(runtime).run(blocks.count(), (w, c) -> {
            SampleReader r = readers[w];
            int n = blocks.size(c);
            r.read(blocks.first(c), n);
            int off = r.offset();
            firstBad[c] = -1;
            for (int k = 0; k < n * v; k++) {
                double x = precision == Precision.F64 ? r.doubles()[off + k] : r.floats()[off + k];
                if (!Double.isFinite(x)) {
                    firstBad[c] = (long) blocks.first(c) * v + k;
                    break;
                }
            }
        });
        for (long bad : firstBad) {
            if (bad >= 0) {
                double x = get((int) (bad % v), (int) (bad / v));
                throw new IllegalArgumentException(source + ": sample " + bad / v + ", feature " + bad % v + " is " + x
                        + "; expected a finite number");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Dataset[").append(features()).append(" features x ").append(samples)
                .append(" samples, ").append(precision.shortName());
        if (storage.type() != (precision == Precision.F64 ? ValueType.F64 : ValueType.F32)) {
            s.append(" from ").append(storage.type().shortName());
        }
        if (scale != 1) {
            s.append(", scaled by ").append(scale);
        }
        if (storage.file() != null) {
            s.append(", mapped from ").append(storage.file());
        }
        return s.append(']').toString();
    }
}
