package org.sae4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes little-endian float64 and int32 NumPy {@code .npy} files (format version 1.0). The file is written to a
 * temporary file in the same directory and then atomically renamed, so readers never see a partial file.
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

    private interface Body {
        void writeTo(FileChannel ch) throws IOException;
    }

    private static void write(Path file, int[] shape, double[] values, boolean fortran) throws IOException {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyHeader.shapeText(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + NpyHeader.shapeText(shape) + " needs " + n + " values, got "
                    + values.length);
        }
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
        // Not Files.createTempFile: its owner-only permissions would carry over to the renamed file.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
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
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + NpyHeader.shapeText(shape) + ", }";
        int unpadded = NpyHeader.MAGIC.length + 4 + dict.length() + 1;
        int headerLen = dict.length() + 1 + (ALIGN - unpadded % ALIGN) % ALIGN;
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
