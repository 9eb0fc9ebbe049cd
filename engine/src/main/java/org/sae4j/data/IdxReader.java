package org.sae4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sae4j.precision.Precision;

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
    /** The label buffer starts at this many bytes and doubles as the data arrives. */
    private static final int FIRST_BUFFER = 1 << 20;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an image file into the heap as a dataset of rows·cols features (row-major pixels) by count
     * samples, kept as one byte a pixel and read in f64 with the raw values 0..255 (see
     * {@link Dataset#scaled}).
     *
     * @throws DataFileException if the file is not a 3-D unsigned-byte IDX file, is empty, truncated,
     *                           or has bytes after the last image
     */
    public static Dataset readImages(Path file) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (InputStream in = open(file)) {
            Shape shape = readImageHeader(new DataInputStream(in), source);
            DataFiles.requireHeap(source, shape.total(), "write it once as an NPY file, which is then read in place:"
                    + " sae convert --idx " + file + " --out IMAGES.npy");
            BufferStorage pixels = BufferStorage.read(in, shape.pixels(), shape.count(), ValueType.U8,
                    ByteOrder.BIG_ENDIAN, SampleStorage.SEGMENT_BYTES, done -> truncated(source, shape.total(), done,
                            "pixel", 16));
            if (in.read() >= 0) {
                throw new DataFileException(source + ": unexpected bytes after the " + shape.total()
                        + " pixel bytes that the header announces");
            }
            return Dataset.of(pixels, Precision.F64);
        } catch (ZipException | EOFException e) {
            // From the gzip layer: the compressed stream itself is damaged or cut short.
            throw new DataFileException(source + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /**
     * Maps an uncompressed image file, read in place: nothing is loaded into the heap, the file may be
     * larger than the heap and than the memory (see {@link NpyReader#mapSamples}). The pixels are bytes,
     * read in f64 as 0..255.
     *
     * @throws DataFileException as {@link #readImages}, and for a gzip-compressed file, which cannot be
     *                           mapped: {@link #readImages} reads it, or {@code sae convert} writes it
     *                           once as an NPY file that maps
     */
    public static Dataset mapImages(Path file) throws IOException {
        return mapImages(file, SampleStorage.SEGMENT_BYTES);
    }

    /** Reads a file the way that needs least heap: a plain file is mapped, a gzip-compressed one read into the heap. */
    public static Dataset openImages(Path file) throws IOException {
        DataFiles.requireFile(file);
        return isGzip(file) ? readImages(file) : mapImages(file);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** {@link #mapImages(Path)} in windows of about {@code windowBytes}: for tests of sets that span windows. */
    static Dataset mapImages(Path file, long windowBytes) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        if (isGzip(file)) {
            throw new DataFileException(source + " is gzip-compressed, which cannot be read in place; read it into"
                    + " the heap (IdxReader.readImages), or write it once as an NPY file: sae convert --idx " + file
                    + " --out IMAGES.npy");
        }
        Shape shape;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16)) {
            shape = readImageHeader(new DataInputStream(in), source);
        }
        long size = Files.size(file);
        if (size < 16 + shape.total()) {
            throw truncated(source, shape.total(), Math.max(0, size - 16), "pixel", 16);
        }
        if (size > 16 + shape.total()) {
            throw new DataFileException(source + ": unexpected bytes after the " + shape.total()
                    + " pixel bytes that the header announces");
        }
        return Dataset.of(BufferStorage.map(file, 16, shape.pixels(), shape.count(), ValueType.U8, ByteOrder.BIG_ENDIAN,
                windowBytes), Precision.F64);
    }

    /** What a stream of images goes to: {@code count} images of {@code size} pixels, one after the other, from {@code pixels[0]}. */
    @FunctionalInterface
    public interface ImageSink {
        void accept(byte[] pixels, int count, int size) throws IOException;
    }

    /**
     * Streams the images of a file, plain or gzip, to {@code sink}, {@code blockImages} at a time (the last
     * block may hold fewer), holding one block: for files of any size.
     *
     * @return the pixels of one image (rows × columns)
     * @throws DataFileException as {@link #readImages}
     */
    public static int forEachImages(Path file, int blockImages, ImageSink sink) throws IOException {
        String source = file.toString();
        DataFiles.requireFile(file);
        try (InputStream in = open(file)) {
            Shape shape = readImageHeader(new DataInputStream(in), source);
            int perBlock = (int) Math.max(1, Math.min(blockImages, (Integer.MAX_VALUE - 8L) / shape.pixels()));
            byte[] block = new byte[Math.min(perBlock, shape.count()) * shape.pixels()];
            long done = 0;
            for (int first = 0; first < shape.count(); first += perBlock) {
                int n = Math.min(perBlock, shape.count() - first);
                int bytes = n * shape.pixels();
                int got = in.readNBytes(block, 0, bytes);
                if (got < bytes) {
                    throw truncated(source, shape.total(), done + got, "pixel", 16);
                }
                done += bytes;
                sink.accept(block, n, shape.pixels());
            }
            if (in.read() >= 0) {
                throw new DataFileException(source + ": unexpected bytes after the " + shape.total()
                        + " pixel bytes that the header announces");
            }
            return shape.pixels();
        } catch (ZipException | EOFException e) {
            throw new DataFileException(source + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    /** The dimensions of an image file: count images of rows x cols. */
    private record Shape(int count, int rows, int cols) {
        int pixels() {
            return rows * cols;
        }

        long total() {
            return (long) count * rows * cols;
        }
    }

    private static Shape readImageHeader(DataInputStream data, String source) throws IOException {
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
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new DataFileException(source + ": images of " + rows + "x" + cols + " are too large: at most "
                    + (Integer.MAX_VALUE - 8) + " pixels an image");
        }
        return new Shape(count, rows, cols);
    }

    private static DataFileException truncated(String source, long total, long done, String unit, int headerBytes) {
        return new DataFileException(source + ": truncated IDX data: expected " + total + " " + unit
                + " bytes after the " + headerBytes + "-byte header, only " + done + " are present");
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
            byte[] bytes = readLabelData(in, source, count);
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
     * Reads {@code total} label bytes into a buffer that grows with what was decoded (never more than
     * twice that, capped at what the header announces): a header that claims two billion bytes in a
     * 160-byte gzip file is refused as truncated, not allocated.
     */
    private static byte[] readLabelData(InputStream in, String source, int total) throws IOException {
        byte[] bytes = new byte[Math.min(total, FIRST_BUFFER)];
        int done = 0;
        while (done < total) {
            if (done == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(total, 2L * bytes.length));
            }
            int n = in.readNBytes(bytes, done, Math.min(CHUNK, bytes.length - done));
            if (n == 0) {
                throw truncated(source, total, done, "label", 8);
            }
            done += n;
        }
        if (in.read() >= 0) {
            throw new DataFileException(source + ": unexpected bytes after the " + total
                    + " label bytes that the header announces");
        }
        return bytes;
    }
}
