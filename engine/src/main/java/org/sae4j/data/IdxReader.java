package org.sae4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files as used by MNIST and Fashion-MNIST: images, magic {@code 0x00000803} (unsigned bytes,
 * three dimensions), then big-endian count, rows and columns, then the pixels image by image, row by
 * row; and labels, magic {@code 0x00000801} (unsigned bytes, one dimension), the count, then a byte per
 * label. Plain and gzip-compressed files are both accepted; compression is detected from the content.
 */
public final class IdxReader {
    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;
    private static final int UNSIGNED_BYTE = 0x08;
    /** The pixel buffer starts at this many bytes and doubles as the data arrives. */
    private static final int FIRST_BUFFER = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an image file as a dataset of rows·cols features (row-major pixels) by count samples,
     * F64 with the raw pixel values 0..255.
     *
     * @throws DataFileException if the file is not a 3-D unsigned-byte IDX file, is empty, truncated,
     *                           or has bytes after the last image
     */
    public static Dataset readImages(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (InputStream in = open(file)) {
            DataInputStream data = new DataInputStream(in);
            int magic = readHeaderInt(data, source, 0);
            if ((magic >>> 16) != 0) {
                throw new DataFileException(source + ": not an IDX file: expected the magic number 0x"
                        + String.format("%08x", IMAGE_MAGIC) + " at byte 0, found 0x" + String.format("%08x", magic));
            }
            int type = (magic >>> 8) & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new DataFileException(source + ": unsupported IDX type code 0x" + String.format("%02x", type)
                        + " (byte 2); only 0x08 (unsigned byte) is supported");
            }
            int dims = magic & 0xFF;
            if (dims != 3) {
                throw new DataFileException(source
                        + ": expected a 3-dimensional IDX image file (count, rows, columns), byte 3 says " + dims
                        + " dimensions");
            }
            int count = readDimension(data, source, 4, "image count");
            int rows = readDimension(data, source, 8, "rows");
            int cols = readDimension(data, source, 12, "columns");
            if (count == 0 || rows == 0 || cols == 0) {
                throw new DataFileException(source + ": empty IDX file: " + count + " images of " + rows + "x" + cols);
            }
            // three dimensions below 2^31 each can overflow a long, so the limit is checked one factor at a time
            long pixelsPerImage = (long) rows * cols;
            long total = pixelsPerImage > Integer.MAX_VALUE ? Long.MAX_VALUE : pixelsPerImage * count;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataFileException(source + ": " + count + " images of " + rows + "x" + cols
                        + " are too many values for one array");
            }
            byte[] bytes = readData(in, source, (int) total, "pixel", 16);
            double[] pixels = new double[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = bytes[i] & 0xFF;
            }
            return Dataset.ofDoubles(rows * cols, count, pixels);
        } catch (ZipException | EOFException e) {
            // From the gzip layer: the compressed stream itself is damaged or cut short.
            throw new DataFileException(source + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a label file (MNIST's {@code train-labels-idx1-ubyte}, plain or gzip): one label 0..255 per
     * sample.
     *
     * @throws DataFileException if the file is not a 1-D unsigned-byte IDX file, is empty, truncated, or
     *                           has bytes after the last label
     */
    public static int[] readLabels(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (InputStream in = open(file)) {
            DataInputStream data = new DataInputStream(in);
            int magic = readHeaderInt(data, source, 0);
            if (magic != LABEL_MAGIC) {
                throw new DataFileException(source + ": not an IDX label file: expected the magic number 0x"
                        + String.format("%08x", LABEL_MAGIC) + " (unsigned bytes, 1 dimension) at byte 0, found 0x"
                        + String.format("%08x", magic));
            }
            int count = readDimension(data, source, 4, "label count");
            if (count == 0) {
                throw new DataFileException(source + ": empty IDX label file");
            }
            byte[] bytes = readData(in, source, count, "label", 8);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (ZipException | EOFException e) {
            throw new DataFileException(source + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /** The file's stream, decompressed when it starts with the gzip magic 0x1f 0x8b. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, CHUNK);
        }
        return in;
    }

    private static int readHeaderInt(DataInputStream data, String source, int offset) throws IOException {
        try {
            return data.readInt();
        } catch (EOFException e) {
            throw new DataFileException(source + ": truncated IDX header: file ends before byte " + (offset + 4), e);
        }
    }

    private static int readDimension(DataInputStream data, String source, int offset, String name) throws IOException {
        int d = readHeaderInt(data, source, offset);
        if (d < 0) {
            throw new DataFileException(source + ": IDX " + name + " at byte " + offset + " is " + (d & 0xFFFFFFFFL)
                    + ", too large");
        }
        return d;
    }

    /**
     * Reads {@code total} data bytes into a buffer that grows with what was decoded (never more than
     * twice that, capped at what the header announces): a header that claims two billion bytes in a
     * 160-byte gzip file is refused as truncated, not allocated.
     */
    private static byte[] readData(InputStream in, String source, int total, String unit, int headerBytes)
            throws IOException {
        byte[] bytes = new byte[Math.min(total, FIRST_BUFFER)];
        int done = 0;
        while (done < total) {
            if (done == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(total, 2L * bytes.length));
            }
            int n = in.readNBytes(bytes, done, Math.min(CHUNK, bytes.length - done));
            if (n == 0) {
                throw new DataFileException(source + ": truncated IDX data: expected " + total + " " + unit
                        + " bytes after the " + headerBytes + "-byte header, only " + done + " are present");
            }
            done += n;
        }
        if (in.read() >= 0) {
            throw new DataFileException(source + ": unexpected bytes after the " + total + " " + unit
                    + " bytes that the header announces");
        }
        return bytes;
    }
}
