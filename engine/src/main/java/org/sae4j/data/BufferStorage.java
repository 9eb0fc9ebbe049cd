package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.sae4j.precision.Precision;

/**
 * Values of any {@link ValueType} in byte buffers of {@code windowSamples} whole samples each (the last
 * may hold fewer): heap arrays, or windows of a file mapped read-only. A window is at most about 1 GiB,
 * below the 2 GiB a {@code MappedByteBuffer} can span on JDK 17, so a file of any size maps as a row of
 * windows. A mapped file is read in place by the operating system's page cache: never loaded whole into
 * the heap, and paged in from disk when it is larger than the memory.
 */
final class BufferStorage extends SampleStorage {
    /** The most bytes a heap buffer of a stream starts with before the data arrive. */
    private static final int FIRST_STREAM_BUFFER = 1 << 20;

    private final ValueType type;
    private final ByteOrder order;
    private final ByteBuffer[] windows;
    private final int windowSamples;
    private final MappedFile mapped;
    private final LongAdder bytesRead = new LongAdder();

    /** What a file was when it was mapped: size, time and identity, from its path. */
    private record Identity(Path path, long size, long modified, Object key) {
        static Identity of(Path path) throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Identity(path, a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
        }
    }

    /**
     * The file a storage maps: what it was, and an open handle whose length every read checks first. A
     * read past the end of a file cut short would fault; checking its length first (one fstat, no
     * allocation, not interruptible) turns that into an error naming the file, before any page is touched.
     * The handle is closed when the storage is no longer reachable.
     */
    private static final class MappedFile {
        private static final Cleaner CLEANER = Cleaner.create();
        final Identity identity;
        final RandomAccessFile handle;
        final long end;

        MappedFile(Path path, long end) throws IOException {
            this.identity = Identity.of(path);
            this.handle = new RandomAccessFile(path.toFile(), "r");
            this.end = end;
        }

        void closeWith(Object owner) {
            RandomAccessFile h = handle;
            CLEANER.register(owner, () -> {
                try {
                    h.close();
                } catch (IOException e) {
                    // nothing is left to do with a handle that cannot even be closed
                }
            });
        }

        Path path() {
            return identity.path();
        }

        long size() {
            return identity.size();
        }
    }

    private BufferStorage(int features, int samples, ValueType type, ByteOrder order, ByteBuffer[] windows,
                          int windowSamples, MappedFile mapped) {
        super(features, samples);
        this.type = type;
        this.order = order;
        this.windows = windows;
        this.windowSamples = windowSamples;
        this.mapped = mapped;
        if (mapped != null) {
            mapped.closeWith(this);
        }
    }

    /** Heap values: {@code values} holds the samples one after the other, in {@code order}. */
    static BufferStorage ofBytes(int features, int samples, ValueType type, ByteOrder order, byte[] values) {
        long need = (long) features * samples * type.bytes();
        if (values.length != need) {
            throw new IllegalArgumentException("dataset of " + features + " features x " + samples + " samples of "
                    + type.shortName() + " needs " + need + " bytes, the array has " + values.length);
        }
        return new BufferStorage(features, samples, type, order, new ByteBuffer[] {ByteBuffer.wrap(values)}, samples,
                null);
    }

    /**
     * Maps the samples stored from byte {@code offset} of {@code file}, in windows of about
     * {@code windowBytes}; the caller has checked that the file holds them all.
     */
    static BufferStorage map(Path file, long offset, int features, int samples, ValueType type, ByteOrder order,
                             long windowBytes) throws IOException {
        long rowBytes = (long) features * type.bytes();
        if (rowBytes > Integer.MAX_VALUE) {
            throw new DataFileException(file + ": one sample of " + features + " values of " + type.shortName()
                    + " is " + rowBytes + " bytes, more than a mapped window can hold (2 GiB)");
        }
        int perWindow = segmentSamples(rowBytes, windowBytes);
        int count = (int) ((samples + (long) perWindow - 1) / perWindow);
        ByteBuffer[] windows = new ByteBuffer[count];
        MappedFile identity = new MappedFile(file, offset + (long) samples * rowBytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int w = 0; w < count; w++) {
                long first = (long) w * perWindow;
                long n = Math.min(perWindow, samples - first);
                windows[w] = ch.map(FileChannel.MapMode.READ_ONLY, offset + first * rowBytes, n * rowBytes);
            }
        }
        return new BufferStorage(features, samples, type, order, windows, perWindow, identity);
    }

    /**
     * Heap windows of about {@code windowBytes} filled from {@code in}, each grown as its data arrive (from
     * at most 1 MiB, doubling): a header that announces more than the stream holds costs at most about
     * twice what did arrive, not what it announced.
     *
     * @param truncated the error for a stream that ends after this many bytes
     */
    static BufferStorage read(InputStream in, int features, int samples, ValueType type, ByteOrder order,
                              long windowBytes, LongFunction<DataFileException> truncated) throws IOException {
        long rowBytes = (long) features * type.bytes();
        int perWindow = segmentSamples(rowBytes, Math.min(windowBytes, Integer.MAX_VALUE - 8));
        if (rowBytes * perWindow > Integer.MAX_VALUE - 8) {
            throw new DataFileException("one sample of " + features + " values of " + type.shortName()
                    + " is too large for the heap's arrays");
        }
        int count = (int) ((samples + (long) perWindow - 1) / perWindow);
        ByteBuffer[] windows = new ByteBuffer[count];
        long done = 0;
        for (int w = 0; w < count; w++) {
            int bytes = (int) (Math.min(perWindow, samples - (long) w * perWindow) * rowBytes);
            byte[] a = new byte[Math.min(bytes, FIRST_STREAM_BUFFER)];
            int filled = 0;
            while (filled < bytes) {
                if (filled == a.length) {
                    a = java.util.Arrays.copyOf(a, (int) Math.min(bytes, 2L * a.length));
                }
                int n = in.readNBytes(a, filled, a.length - filled);
                if (n == 0) {
                    throw truncated.apply(done + filled);
                }
                filled += n;
            }
            done += bytes;
            windows[w] = ByteBuffer.wrap(a);
        }
        return new BufferStorage(features, samples, type, order, windows, perWindow, null);
    }

    int windows() {
        return windows.length;
    }

    @Override
    ValueType type() {
        return type;
    }

    @Override
    long heapBytes() {
        return mapped != null ? 0 : storedBytes();
    }

    @Override
    Path file() {
        return mapped != null ? mapped.path() : null;
    }

    @Override
    long bytesRead() {
        return bytesRead.sum();
    }

    @Override
    void checkUnchanged() throws DataFileException {
        if (mapped == null) {
            return;
        }
        Identity now;
        try {
            now = Identity.of(mapped.path());
        } catch (IOException e) {
            throw new DataFileException(mapped.path() + " is no longer readable while training reads it ("
                    + e.getMessage() + "); it must stay as it was until the run ends", e);
        }
        Identity then = mapped.identity;
        if (now.size() != then.size() || now.modified() != then.modified() || !Objects.equals(now.key(), then.key())) {
            throw changed(now.size());
        }
    }

    /** Before a read: the file must still hold every mapped byte. */
    private void requireLength() {
        long length;
        try {
            length = mapped.handle.length();
        } catch (IOException e) {
            throw new UncheckedIOException(new DataFileException(mapped.path() + " can no longer be read while training"
                    + " reads it in place (" + e.getMessage() + ")", e));
        }
        if (length < mapped.end) {
            throw new UncheckedIOException(changed(length));
        }
    }

    private DataFileException changed(long sizeNow) {
        return new DataFileException(mapped.path() + " changed while training reads it in place (it was " + mapped.size()
                + " bytes when opened, it is " + sizeNow + " now); it must stay as it was until the run ends;"
                + " write new data to a new file");
    }

    /** The failure of a read of a mapped page that is gone: the file shrank under the mapping. */
    private UncheckedIOException pageGone(InternalError e) {
        long size;
        try {
            size = Files.size(mapped.path());
        } catch (IOException io) {
            size = -1;
        }
        DataFileException d = changed(size);
        d.initCause(e);
        return new UncheckedIOException(d);
    }

    @Override
    double value(int sample, int feature) {
        if (mapped != null) {
            requireLength();
        }
        ByteBuffer w = windows[sample / windowSamples];
        int at = ((sample % windowSamples) * features + feature) * type.bytes();
        try {
            return decodeOne(w.duplicate().order(order), at);
        } catch (InternalError e) {
            if (mapped == null) {
                throw e;
            }
            throw pageGone(e);
        }
    }

    private double decodeOne(ByteBuffer b, int at) {
        switch (type) {
            case F64: return b.getDouble(at);
            case F32: return b.getFloat(at);
            case F16: return ValueType.halfToDouble(b.getShort(at));
            case U8: return b.get(at) & 0xFF;
            case I8: return b.get(at);
            case U16: return b.getShort(at) & 0xFFFF;
            case I16: return b.getShort(at);
            case I32: return b.getInt(at);
            default: return b.getLong(at);
        }
    }

    @Override
    SampleStorage select(int[] indices) {
        long rowBytes = (long) features * type.bytes();
        int perWindow = segmentSamples(rowBytes, SEGMENT_BYTES);
        int count = (int) ((indices.length + (long) perWindow - 1) / perWindow);
        ByteBuffer[] out = new ByteBuffer[count];
        int row = (int) rowBytes;
        if (mapped != null) {
            requireLength();
        }
        for (int w = 0; w < count; w++) {
            int n = (int) Math.min(perWindow, indices.length - (long) w * perWindow);
            byte[] a = new byte[n * row];
            for (int i = 0; i < n; i++) {
                int s = indices[w * perWindow + i];
                try {
                    windows[s / windowSamples].get((s % windowSamples) * row, a, i * row, row);
                } catch (InternalError e) {
                    if (mapped == null) {
                        throw e;
                    }
                    throw pageGone(e);
                }
            }
            out[w] = ByteBuffer.wrap(a);
        }
        return new BufferStorage(features, indices.length, type, order, out, perWindow, null);
    }

    @Override
    Cursor cursor(int maxValues, double scale, Precision precision) {
        return new BufferCursor(maxValues, scale, precision);
    }

    /**
     * A reader's typed views of the windows and its scratch arrays. One- and two-byte types convert
     * through a table of all their values, made for this scale and precision.
     */
    private final class BufferCursor extends Cursor {
        private final double scale;
        private final ByteBuffer[] bytes;
        private final ShortBuffer[] shorts;
        private final IntBuffer[] ints;
        private final LongBuffer[] longs;
        private final FloatBuffer[] floats;
        private final DoubleBuffer[] doubles;
        private final byte[] byteScratch;
        private final short[] shortScratch;
        private final int[] intScratch;
        private final long[] longScratch;
        private final float[] floatScratch;
        private final double[] doubleScratch;
        private final float[] table32;
        private final double[] table64;

        BufferCursor(int maxValues, double scale, Precision precision) {
            this.scale = scale;
            int n = windows.length;
            bytes = type.bytes() == 1 ? new ByteBuffer[n] : null;
            shorts = type.bytes() == 2 ? new ShortBuffer[n] : null;
            ints = type == ValueType.I32 ? new IntBuffer[n] : null;
            longs = type == ValueType.I64 ? new LongBuffer[n] : null;
            floats = type == ValueType.F32 ? new FloatBuffer[n] : null;
            doubles = type == ValueType.F64 ? new DoubleBuffer[n] : null;
            for (int w = 0; w < n; w++) {
                ByteBuffer b = windows[w].duplicate().order(order);
                if (bytes != null) {
                    bytes[w] = b;
                } else if (shorts != null) {
                    shorts[w] = b.asShortBuffer();
                } else if (ints != null) {
                    ints[w] = b.asIntBuffer();
                } else if (longs != null) {
                    longs[w] = b.asLongBuffer();
                } else if (floats != null) {
                    floats[w] = b.asFloatBuffer();
                } else {
                    doubles[w] = b.asDoubleBuffer();
                }
            }
            byteScratch = bytes != null ? new byte[maxValues] : null;
            shortScratch = shorts != null ? new short[maxValues] : null;
            intScratch = ints != null ? new int[maxValues] : null;
            longScratch = longs != null ? new long[maxValues] : null;
            // a float set read in double, or a double set read in float, passes through its own type first
            floatScratch = floats != null && precision == Precision.F64 ? new float[maxValues] : null;
            doubleScratch = doubles != null && precision == Precision.F32 ? new double[maxValues] : null;
            int tableSize = type.bytes() <= 2 ? 1 << (8 * type.bytes()) : 0;
            table32 = tableSize > 0 && precision == Precision.F32 ? new float[tableSize] : null;
            table64 = tableSize > 0 && precision == Precision.F64 ? new double[tableSize] : null;
            for (int bits = 0; bits < tableSize; bits++) {
                double x = tableValue(bits) * scale;
                if (table32 != null) {
                    table32[bits] = (float) x;
                } else {
                    table64[bits] = x;
                }
            }
        }

        private double tableValue(int bits) {
            switch (type) {
                case U8: case U16: return bits;
                case I8: return (byte) bits;
                case I16: return (short) bits;
                default: return ValueType.halfToDouble((short) bits);
            }
        }

        @Override
        void read(int first, int count, Object dst, int offset) {
            if (mapped != null) {
                requireLength();
            }
            readUnchecked(first, count, dst, offset);
        }

        @Override
        void gather(int[] samples, int from, int count, Object dst, int features) {
            if (mapped != null) {
                requireLength();
            }
            for (int k = 0; k < count; k++) {
                readUnchecked(samples[from + k], 1, dst, k * features);
            }
        }

        private void readUnchecked(int first, int count, Object dst, int offset) {
            int at = offset;
            try {
                for (int s = first; s < first + count; ) {
                    int w = s / windowSamples;
                    int n = (int) Math.min(first + count, (w + 1L) * windowSamples) - s;
                    int index = (s % windowSamples) * features;
                    int len = n * features;
                    if (dst instanceof double[] d) {
                        readWindow(w, index, len, d, at);
                    } else {
                        readWindow(w, index, len, (float[]) dst, at);
                    }
                    at += len;
                    s += n;
                }
            } catch (InternalError e) {
                if (mapped == null) {
                    throw e;
                }
                throw pageGone(e);
            }
            if (mapped != null) {
                bytesRead.add((long) count * features * type.bytes());
            }
        }

        private void readWindow(int w, int index, int len, double[] dst, int at) {
            switch (type) {
                case F64:
                    doubles[w].get(index, dst, at, len);
                    if (scale != 1) {
                        for (int i = at; i < at + len; i++) {
                            dst[i] *= scale;
                        }
                    }
                    break;
                case F32:
                    floats[w].get(index, floatScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = floatScratch[i] * scale;
                    }
                    break;
                case I32:
                    ints[w].get(index, intScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = intScratch[i] * scale;
                    }
                    break;
                case I64:
                    longs[w].get(index, longScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = (double) longScratch[i] * scale;
                    }
                    break;
                default:
                    if (bytes != null) {
                        bytes[w].get(index, byteScratch, 0, len);
                        for (int i = 0; i < len; i++) {
                            dst[at + i] = table64[byteScratch[i] & 0xFF];
                        }
                    } else {
                        shorts[w].get(index, shortScratch, 0, len);
                        for (int i = 0; i < len; i++) {
                            dst[at + i] = table64[shortScratch[i] & 0xFFFF];
                        }
                    }
            }
        }

        private void readWindow(int w, int index, int len, float[] dst, int at) {
            switch (type) {
                case F32:
                    floats[w].get(index, dst, at, len);
                    if (scale != 1) {
                        for (int i = at; i < at + len; i++) {
                            dst[i] = (float) (dst[i] * scale);
                        }
                    }
                    break;
                case F64:
                    doubles[w].get(index, doubleScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = (float) (doubleScratch[i] * scale);
                    }
                    break;
                case I32:
                    ints[w].get(index, intScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = (float) (intScratch[i] * scale);
                    }
                    break;
                case I64:
                    longs[w].get(index, longScratch, 0, len);
                    for (int i = 0; i < len; i++) {
                        dst[at + i] = (float) ((double) longScratch[i] * scale);
                    }
                    break;
                default:
                    if (bytes != null) {
                        bytes[w].get(index, byteScratch, 0, len);
                        for (int i = 0; i < len; i++) {
                            dst[at + i] = table32[byteScratch[i] & 0xFF];
                        }
                    } else {
                        shorts[w].get(index, shortScratch, 0, len);
                        for (int i = 0; i < len; i++) {
                            dst[at + i] = table32[shortScratch[i] & 0xFFFF];
                        }
                    }
            }
        }
    }
}
