package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sae4j.precision.Precision;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0). Supported dtypes: float
 * {@code f8 f4 f2}, integer {@code u1 i1 u2 i2 i4 i8}, either byte order, in C or Fortran order.
 */
public final class NpyReader {
    /** Bytes read per I/O call; a multiple of every item size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private NpyReader() {
    }

    /**
     * Reads a 2-D array of shape (m, v), one sample per row as NumPy stores training sets, into the heap,
     * as a dataset of v features by m samples. {@code f4} and {@code f8} become float or double arrays
     * (read in place by the engine; several arrays past 2³¹ values); every other dtype stays in its own
     * type, converted as the engine reads it ({@code |u1} keeps its 0..255 bytes; see
     * {@link Dataset#scaled}). {@code f4} and {@code f2} data are read in f32, the others in f64.
     *
     * @throws DataFileException if the file is not a 2-D NPY array of a supported dtype, is truncated,
     *                           empty, or holds NaN or infinite values
     */
    public static Dataset readSamples(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = samplesHeader(ch, source);
            int m = h.shape()[0];
            int v = h.shape()[1];
            long n = h.valueCount();
            requireExactLength(ch, h, n);
            long heap = n * (h.fortranOrder() ? (h.dtype().type() == ValueType.F32 ? 4 : 8) : h.dtype().itemSize());
            DataFiles.requireHeap(source, heap, h.fortranOrder() ? "save it in C order (numpy.ascontiguousarray) and"
                    + " read it in place (NpyReader.mapSamples; sae: without --load)"
                    : "read it in place (NpyReader.mapSamples; sae: without --load)");
            Dataset d;
            if (h.fortranOrder()) {
                d = readFortran(ch, h, m, v);
            } else if (h.dtype().type() == ValueType.F32 || h.dtype().type() == ValueType.F64) {
                Precision p = h.dtype().naturalPrecision();
                ArrayStorage a = ArrayStorage.allocate(v, m, p, ArrayStorage.defaultSegmentSamples(v, p));
                long at = h.dataOffset();
                for (int seg = 0; seg < a.segments(); seg++) {
                    int count = p == Precision.F64 ? a.doubleSegment(seg).length : a.floatSegment(seg).length;
                    int s = seg;
                    readData(ch, h, at, count, (chunk, off, c) -> {
                        if (p == Precision.F64) {
                            h.dtype().decode(chunk, a.doubleSegment(s), off, c);
                        } else {
                            h.dtype().decode(chunk, a.floatSegment(s), off, c);
                        }
                    });
                    at += (long) count * h.dtype().itemSize();
                }
                d = Dataset.of(a, p);
            } else {
                ch.position(h.dataOffset());
                d = Dataset.of(BufferStorage.read(Channels.newInputStream(ch), v, m, h.dtype().type(), h.dtype().order(),
                        SampleStorage.SEGMENT_BYTES, done -> new DataFileException(source + ": file ended "
                                + done + " bytes into the data")), h.dtype().naturalPrecision());
            }
            try {
                return d.requireFinite(source);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(e.getMessage(), e);
            }
        }
    }

    /**
     * Maps a 2-D array of shape (m, v), one sample per row, read in place: nothing is loaded into the heap,
     * the operating system pages the file in as the engine reads it, so the file may be larger than the
     * heap and than the memory (then every evaluation reads it from disk, at the disk's speed). The values
     * stay in the file's dtype and byte order and are converted as they are read; {@code f4} and
     * {@code f2} data are read in f32, the others in f64. The values are not checked here: a run calls
     * {@link Dataset#requireFinite} once on the set it trains on. The file must not change while it is in
     * use ({@link Dataset#requireUnchanged}).
     *
     * @throws DataFileException if the file is not a 2-D C-order NPY array of a supported dtype, or is
     *                           truncated or empty; a Fortran-order array is refused (its features, not
     *                           its samples, are contiguous): {@link #readSamples} reads it
     */
    public static Dataset mapSamples(Path file) throws IOException {
        return mapSamples(file, SampleStorage.SEGMENT_BYTES);
    }

    /**
     * Reads a set the way that needs least heap: a C-order file is mapped ({@link #mapSamples}), a
     * Fortran-order one read into the heap ({@link #readSamples}).
     */
    public static Dataset openSamples(Path file) throws IOException {
        DataFiles.requireFile(file);
        boolean fortran;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            fortran = samplesHeader(ch, file.toString()).fortranOrder();
        }
        return fortran ? readSamples(file) : mapSamples(file);
    }

    /** {@link #mapSamples(Path)} in windows of about {@code windowBytes}: for tests of sets that span windows. */
    static Dataset mapSamples(Path file, long windowBytes) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        NpyHeader h;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            h = samplesHeader(ch, source);
            requireExactLength(ch, h, h.valueCount());
        }
        if (h.fortranOrder()) {
            throw new DataFileException(source + ": a Fortran-order array cannot be read in place (its features, not"
                    + " its samples, are contiguous); load it into the heap (--load), or save it in C order"
                    + " (numpy.ascontiguousarray)");
        }
        return Dataset.of(BufferStorage.map(file, h.dataOffset(), h.shape()[1], h.shape()[0], h.dtype().type(),
                h.dtype().order(), windowBytes), h.dtype().naturalPrecision());
    }

    /**
     * The layout of a 2-D C-order array of samples (m, v), from its header, checked against the file's
     * length, for readers that read rows by byte ranges ({@link NpyRows#rows}) from any store: a
     * distributed file system, say, whose stream the caller adapts to a channel.
     *
     * @throws DataFileException if the file is not a 2-D C-order NPY array of a supported dtype, or is
     *                           truncated or longer than its shape says
     */
    public static NpyRows rowLayout(SeekableByteChannel ch, String source) throws IOException {
        NpyHeader h = samplesHeader(ch, source);
        requireExactLength(ch, h, h.valueCount());
        if (h.fortranOrder()) {
            throw new DataFileException(source + ": a Fortran-order array cannot be read by rows (its features, not"
                    + " its samples, are contiguous); save it in C order (numpy.ascontiguousarray)");
        }
        return new NpyRows(source, h.dtype().type(), h.dtype().order(), h.shape()[0], h.shape()[1], h.dataOffset());
    }

    private static NpyHeader samplesHeader(SeekableByteChannel ch, String source) throws IOException {
        NpyHeader h = NpyHeader.read(ch, source);
        if (h.shape().length != 2) {
            throw new DataFileException(source + ": expected a 2-D array of shape (samples, features), got shape "
                    + NpyHeader.shapeText(h.shape()));
        }
        return h;
    }

    /** A Fortran-order (m, v) array transposed into one Java array of samples, so at most 2³¹ values. */
    private static Dataset readFortran(FileChannel ch, NpyHeader h, int m, int v) throws IOException {
        int n = h.elementCount();
        if (h.dtype().type() == ValueType.F32) {
            float[] a = new float[n];
            readData(ch, h, h.dataOffset(), n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
            return Dataset.ofFloats(v, m, transpose(a, m, v));
        }
        double[] a = new double[n];
        readData(ch, h, h.dataOffset(), n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
        return Dataset.ofDoubles(v, m, transpose(a, m, v));
    }

    /**
     * Reads an array of any rank (a parameter vector, an image stack (n, H, W), ...) as doubles in C order.
     *
     * @throws DataFileException if the file is not a valid NPY file of a supported dtype, is truncated,
     *                           empty, or holds NaN or infinite values
     */
    public static NpyArray read(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(ch, source);
            int n = h.elementCount();
            requireExactLength(ch, h, n);
            double[] a = new double[n];
            readData(ch, h, h.dataOffset(), n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
            double[] c = h.fortranOrder() ? fortranToC(a, h.shape()) : a;
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(c[k])) {
                    throw new DataFileException(source + ": element " + indexText(k, h.shape()) + " is " + c[k]
                            + "; expected a finite number");
                }
            }
            return new NpyArray(h.dtype().descr(), h.fortranOrder(), h.shape().clone(), c);
        }
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk, int firstElement, int count);
    }

    /**
     * The header's shape must match the bytes the file has, checked before anything is allocated: a
     * 228-byte file must not make the reader ask for 12 GB.
     */
    private static void requireExactLength(SeekableByteChannel ch, NpyHeader h, long n) throws IOException {
        int item = h.dtype().itemSize();
        long expected = n > Long.MAX_VALUE / item ? Long.MAX_VALUE : n * item;
        long present = ch.size() - h.dataOffset();
        if (present < expected) {
            throw new DataFileException(h.source() + ": truncated data: shape " + NpyHeader.shapeText(h.shape())
                    + " of "
                    + h.dtype().descr() + " needs " + expected + " bytes after the header (from byte " + h.dataOffset()
                    + "), only " + Math.max(present, 0) + " are present");
        }
        if (present > expected) {
            throw new DataFileException(h.source() + ": " + (present - expected)
                    + " unexpected bytes after the data: shape "
                    + NpyHeader.shapeText(h.shape()) + " of " + h.dtype().descr() + " needs exactly " + expected
                    + " bytes after the header (from byte " + h.dataOffset() + "), " + present + " are present");
        }
    }

    /**
     * Streams {@code n} elements from byte {@code from} through {@code sink} in chunks;
     * {@link #requireExactLength} came first.
     */
    private static void readData(FileChannel ch, NpyHeader h, long from, int n, ChunkSink sink) throws IOException {
        int item = h.dtype().itemSize();
        long expected = (long) n * item;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, expected)).order(h.dtype().order());
        long pos = from;
        int done = 0;
        while (done < n) {
            int count = Math.min(n - done, CHUNK_BYTES / item);
            buf.clear().limit(count * item);
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new DataFileException(h.source() + ": file ended at byte " + (pos + buf.position())
                            + " while reading the data");
                }
            }
            buf.flip();
            sink.accept(buf, done, count);
            pos += (long) count * item;
            done += count;
        }
    }

    /** Row-major (rows x cols) from column-major (rows x cols). */
    private static float[] transpose(float[] colMajor, int rows, int cols) {
        float[] out = new float[colMajor.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i * cols + j] = colMajor[j * rows + i];
            }
        }
        return out;
    }

    private static double[] transpose(double[] colMajor, int rows, int cols) {
        double[] out = new double[colMajor.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i * cols + j] = colMajor[j * rows + i];
            }
        }
        return out;
    }

    /** Reorders Fortran-order (first index fastest) elements into C order (last index fastest). */
    private static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        int[] fStride = new int[rank];
        int s = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        double[] c = new double[f.length];
        int[] idx = new int[rank];
        int src = 0;
        for (int dst = 0; dst < c.length; dst++) {
            c[dst] = f[src];
            // Advance the C-order odometer, keeping the Fortran offset in step.
            for (int k = rank - 1; k >= 0; k--) {
                idx[k]++;
                src += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                src -= idx[k] * fStride[k];
                idx[k] = 0;
            }
        }
        return c;
    }

    private static String indexText(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return NpyHeader.shapeText(idx);
    }
}
