package org.sae4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.sae4j.precision.Precision;

/**
 * Writes little-endian NumPy {@code .npy} files (format version 1.0): float64 and int32 arrays from memory,
 * and (m, columns) arrays of any {@link ValueType} but f16 row block by row block ({@link #rows}). The
 * file is written to a temporary file in the same directory and then atomically renamed, so readers
 * never see a partial file.
 */
public final class NpyWriter {
    private static final int CHUNK_DOUBLES = 1 << 17;
    /** NumPy pads the preamble so the data start on a 64-byte boundary. */
    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    /** Writes an array whose values are given in C order (last index fastest). */
    public static void writeF64(Path file, int[] shape, double[] valuesInCOrder) throws IOException {
        write(file, shape, valuesInCOrder, false);
    }

    /**
     * Writes an array whose values are given in Fortran order (first index fastest), with
     * {@code fortran_order: True}; a column-major (rows x cols) matrix is written as shape (rows, cols).
     */
    public static void writeF64Fortran(Path file, int[] shape, double[] valuesInFortranOrder) throws IOException {
        write(file, shape, valuesInFortranOrder, true);
    }

    /** Writes a 1-D int32 array, e.g. predicted labels. */
    public static void writeI32(Path file, int[] values) throws IOException {
        int[] shape = {values.length};
        writeAtomically(file, preamble("<i4", shape, false), ch -> {
            ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(values);
            writeFully(ch, buf);
        });
    }

    /**
     * Writes the samples of {@code data}, as read (scaled, in f64), as an (m, v) array of {@code type}, one
     * block of samples at a time, atomically: for sets of any size, from any store.
     *
     * @throws IllegalArgumentException if a value does not fit {@code type} (an integer type needs whole
     *                                  numbers in its range)
     */
    public static void writeSamples(Path file, Dataset data, ValueType type) throws IOException {
        Dataset values = data.toPrecision(Precision.F64);
        int v = values.features();
        int block = Math.max(1, Math.min(values.samples(), CHUNK_DOUBLES / v));
        SampleReader reader = values.reader(block);
        try (RowWriter out = rows(file, type, v)) {
            for (int first = 0; first < values.samples(); first += block) {
                int n = Math.min(block, values.samples() - first);
                reader.read(first, n);
                out.append(reader.doubles(), reader.offset(), n);
            }
            out.commit();
        }
    }

    /**
     * A writer of an (m, columns) array of {@code type}, whose m is what was appended: for results and
     * conversions too large for the heap. The rows go to a temporary file beside {@code file}; {@link
     * RowWriter#commit} completes its header and renames it over {@code file}, and closing it uncommitted
     * deletes it.
     */
    public static RowWriter rows(Path file, ValueType type, int columns) throws IOException {
        return new RowWriter(file, type, columns);
    }

    /** See {@link #rows}. Not thread-safe. */
    public static final class RowWriter implements Closeable {
        private final Path target;
        private final Path tmp;
        private final NpyDtype dtype;
        private final int columns;
        private final int headerLength;
        private final FileChannel ch;
        private final ByteBuffer buf;
        private long rows;
        private boolean done;

        private RowWriter(Path file, ValueType type, int columns) throws IOException {
            if (type == ValueType.F16) {
                throw new IllegalArgumentException("writing f16 is not supported; write f32");
            }
            if (columns < 1) {
                throw new IllegalArgumentException("an array of samples has >= 1 columns, got " + columns);
            }
            this.dtype = NpyDtype.of(type);
            this.columns = columns;
            this.target = file.toAbsolutePath();
            this.tmp = temporarySibling(target);
            // room for the longest row count, so that the header keeps its length when completed
            this.headerLength = preamble(dtype.descr(), new int[] {Integer.MAX_VALUE, columns}, false, 0).length;
            this.ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            this.buf = ByteBuffer.allocate(Math.max(CHUNK_DOUBLES * 8, columns * type.bytes()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            try {
                ch.position(headerLength);
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** Appends {@code count} rows from {@code values[offset ..]}, row after row. */
        public void append(double[] values, int offset, int count) throws IOException {
            appendRows(values, offset, count);
        }

        /** The same from floats. */
        public void append(float[] values, int offset, int count) throws IOException {
            appendRows(values, offset, count);
        }

        /**
         * Appends {@code count} rows of unsigned bytes (pixels, say) from {@code values[offset ..]}: copied as
         * they are into a u8 array, converted into any other type.
         */
        public void append(byte[] values, int offset, int count) throws IOException {
            if (dtype.type() != ValueType.U8) {
                appendRows(values, offset, count);
                return;
            }
            long bytes = (long) count * columns;
            for (long done = 0; done < bytes; ) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = (int) Math.min(buf.remaining(), bytes - done);
                buf.put(values, offset + (int) done, n);
                done += n;
            }
            rows += count;
        }

        /** Rows of a double[], float[] or (unsigned) byte[], value by value. */
        private void appendRows(Object values, int offset, int count) throws IOException {
            for (int r = 0; r < count; r++) {
                if (buf.remaining() < columns * dtype.itemSize()) {
                    flush();
                }
                for (int c = 0, at = offset + r * columns; c < columns; c++, at++) {
                    put(values instanceof double[] d ? d[at] : values instanceof float[] f ? f[at]
                            : ((byte[]) values)[at] & 0xFF);
                }
            }
            rows += count;
        }

        private void put(double x) {
            switch (dtype.type()) {
                case F64: buf.putDouble(x); break;
                case F32: buf.putFloat((float) x); break;
                case U8: buf.put((byte) whole(x, 0, 255)); break;
                case I8: buf.put((byte) whole(x, -128, 127)); break;
                case U16: buf.putShort((short) whole(x, 0, 65535)); break;
                case I16: buf.putShort((short) whole(x, -32768, 32767)); break;
                case I32: buf.putInt((int) whole(x, Integer.MIN_VALUE, Integer.MAX_VALUE)); break;
                default: buf.putLong((long) whole(x, -0x1p63, 0x1p63));
            }
        }

        private double whole(double x, double min, double max) {
            if (x != Math.rint(x) || x < min || x > max) {
                throw new IllegalArgumentException(target + ": value " + x + " of row " + rows + " is not a "
                        + dtype.type().shortName() + " (a whole number in [" + (long) min + ", " + (long) max + "])");
            }
            return x;
        }

        private void flush() throws IOException {
            buf.flip();
            writeFully(ch, buf);
            buf.clear();
        }

        /** Rows appended so far. */
        public long rows() {
            return rows;
        }

        /** Values a row. */
        public int columns() {
            return columns;
        }

        /** Completes the header with the row count and puts the file in place of the target. */
        public void commit() throws IOException {
            if (rows == 0 || rows > Integer.MAX_VALUE) {
                throw new IllegalStateException(target + ": an NPY array of samples needs 1 to " + Integer.MAX_VALUE
                        + " rows, got " + rows);
            }
            try {
                flush();
                ch.position(0);
                writeFully(ch, ByteBuffer.wrap(preamble(dtype.descr(), new int[] {(int) rows, columns}, false,
                        headerLength)));
                ch.force(true);
                ch.close();
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = true;
            } finally {
                close();
            }
        }

        /** Deletes the file unless it was committed. */
        @Override
        public void close() throws IOException {
            ch.close();
            if (!done) {
                done = true;
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path temporarySibling(Path target) {
        // Not Files.createTempFile: its owner-only permissions would carry over to the renamed file.
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
    }

    private interface Body {
        void writeTo(FileChannel ch) throws IOException;
    }

    private static void write(Path file, int[] shape, double[] values, boolean fortran) throws IOException {
        NpyHeader.requireValues(shape, values.length);
        writeAtomically(file, preamble("<f8", shape, fortran), ch -> {
            ByteBuffer buf = ByteBuffer.allocate(8 * (int) Math.min(CHUNK_DOUBLES, values.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < values.length; ) {
                int count = Math.min(CHUNK_DOUBLES, values.length - done);
                buf.clear();
                buf.asDoubleBuffer().put(values, done, count);
                buf.limit(8 * count);
                writeFully(ch, buf);
                done += count;
            }
        });
    }

    private static void writeAtomically(Path file, byte[] preamble, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = temporarySibling(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                writeFully(ch, ByteBuffer.wrap(preamble));
                body.writeTo(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static byte[] preamble(String descr, int[] shape, boolean fortran) {
        return preamble(descr, shape, fortran, 0);
    }

    /** The preamble, padded to {@code length} bytes in all when that is more than it needs. */
    private static byte[] preamble(String descr, int[] shape, boolean fortran, int length) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + NpyHeader.shapeText(shape) + ", }";
        int unpadded = NpyHeader.MAGIC.length + 4 + dict.length() + 1;
        int headerLen = dict.length() + 1 + (ALIGN - unpadded % ALIGN) % ALIGN;
        headerLen = Math.max(headerLen, length - NpyHeader.MAGIC.length - 4);
        if (headerLen > 0xFFFF) {
            throw new IllegalArgumentException("shape " + NpyHeader.shapeText(shape)
                    + " is too long for an NPY 1.0 header");
        }
        ByteBuffer b = ByteBuffer.allocate(NpyHeader.MAGIC.length + 4 + headerLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen);
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < b.capacity() - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
