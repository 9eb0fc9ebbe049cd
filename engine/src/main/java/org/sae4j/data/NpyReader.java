package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0). Supported dtypes:
 * {@code <f4 >f4 <f8 >f8 |u1 <i4 >i4 <i8 >i8}, in C or Fortran order.
 */
public final class NpyReader {
    /** Bytes read per I/O call; a multiple of every item size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private NpyReader() {
    }

    /**
     * Reads a 2-D array of shape (m, v), one sample per row as NumPy stores training sets, as a
     * dataset of v features by m samples. {@code f4} data gives an F32 dataset; every other dtype
     * gives F64 with the values unchanged ({@code |u1} stays 0..255; see {@link Preprocessing#scale}).
     *
     * @throws DataFileException if the file is not a 2-D NPY array of a supported dtype, is truncated,
     *                           empty, or holds NaN or infinite values
     */
    public static Dataset readSamples(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(ch, source);
            if (h.shape().length != 2) {
                throw new DataFileException(source + ": expected a 2-D array of shape (samples, features), got shape "
                        + NpyHeader.shapeText(h.shape()));
            }
            int m = h.shape()[0];
            int v = h.shape()[1];
            int n = h.elementCount();
            requireExactLength(ch, h, n);
            Dataset d;
            if (h.dtype().isFloat32()) {
                float[] a = new float[n];
                readData(ch, h, n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
                // C order rows are our columns already; Fortran order stores the transpose.
                d = Dataset.ofFloats(v, m, h.fortranOrder() ? transpose(a, m, v) : a);
            } else {
                double[] a = new double[n];
                readData(ch, h, n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
                d = Dataset.ofDoubles(v, m, h.fortranOrder() ? transpose(a, m, v) : a);
            }
            try {
                return d.requireFinite(source);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(e.getMessage(), e);
            }
        }
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
            readData(ch, h, n, (chunk, off, count) -> h.dtype().decode(chunk, a, off, count));
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
    private static void requireExactLength(FileChannel ch, NpyHeader h, int n) throws IOException {
        int item = h.dtype().itemSize();
        long expected = (long) n * item;
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

    /** Streams the data block through {@code sink} in chunks; {@link #requireExactLength} came first. */
    private static void readData(FileChannel ch, NpyHeader h, int n, ChunkSink sink) throws IOException {
        int item = h.dtype().itemSize();
        long expected = (long) n * item;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, expected)).order(h.dtype().order());
        long pos = h.dataOffset();
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
