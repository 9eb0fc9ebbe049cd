package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.precision.Precision;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Header bytes written out one by one, big-endian, followed by the payload. */
    private static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBigEndian(out, magic);
        for (int d : dims) {
            writeBigEndian(out, d);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeBigEndian(ByteArrayOutputStream out, int x) {
        out.write(x >>> 24);
        out.write(x >>> 16);
        out.write(x >>> 8);
        out.write(x);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** Two 2x3 images; pixel (image k, row r, col c) = 100 k + 10 r + c, plus one value above 127. */
    private static byte[] twoImages() {
        byte[] p = new byte[12];
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    p[k * 6 + r * 3 + c] = (byte) (100 * k + 10 * r + c);
                }
            }
        }
        p[11] = (byte) 250;
        return idx(0x803, new int[] {2, 2, 3}, p);
    }

    private static void assertTwoImages(Dataset d) {
        assertEquals(6, d.features());
        assertEquals(2, d.samples());
        assertEquals(Precision.F64, d.precision());
        assertEquals(0, d.get(0, 0));
        assertEquals(12, d.get(1 * 3 + 2, 0)); // image 0, row 1, col 2
        assertEquals(101, d.get(1, 1)); // image 1, row 0, col 1
        assertEquals(250, d.get(5, 1));
    }

    @Test
    void readsPlainAndGzipDetectedByContentNotName() throws IOException {
        Path plainNamedGz = Files.write(dir.resolve("plain.gz"), twoImages());
        assertTwoImages(IdxReader.readImages(plainNamedGz));
        Path gzipNamedPlain = Files.write(dir.resolve("images-idx3-ubyte"), gzip(twoImages()));
        assertTwoImages(IdxReader.readImages(gzipNamedPlain));
    }

    private String failure(byte[] content) throws IOException {
        Path p = Files.write(dir.resolve("bad-idx"), content);
        String msg = assertThrows(DataFileException.class, () -> IdxReader.readImages(p)).getMessage();
        assertTrue(msg.startsWith(p.toString()), msg);
        return msg;
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = twoImages();
        b[0] = 0x1f; // not gzip either: second byte stays 0
        String msg = failure(b);
        assertTrue(msg.contains("expected the magic number 0x00000803") && msg.contains("0x1f000803"), msg);
        assertTrue(failure(new byte[] {0, 0, 8}).contains("truncated IDX header"));
    }

    @Test
    void unsupportedTypeCodeAndDimensionCount() throws IOException {
        String msg = failure(idx(0x0D03, new int[] {1, 1, 1}, new byte[4]));
        assertTrue(msg.contains("type code 0x0d") && msg.contains("0x08"), msg);
        // an MNIST label file: one dimension
        msg = failure(idx(0x0801, new int[] {3}, new byte[3]));
        assertTrue(msg.contains("3-dimensional") && msg.contains("1 dimensions"), msg);
    }

    @Test
    void truncatedEmptyAndTrailingData() throws IOException {
        byte[] b = twoImages();
        String msg = failure(Arrays.copyOf(b, b.length - 2));
        assertTrue(msg.contains("expected 12 pixel bytes") && msg.contains("only 10"), msg);
        msg = failure(Arrays.copyOf(b, 10));
        assertTrue(msg.contains("truncated IDX header") && msg.contains("byte 12"), msg);
        msg = failure(idx(0x803, new int[] {0, 28, 28}, new byte[0]));
        assertTrue(msg.contains("empty IDX file"), msg);
        msg = failure(Arrays.copyOf(b, b.length + 1));
        assertTrue(msg.contains("unexpected bytes after the 12 pixel bytes"), msg);
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] z = gzip(twoImages());
        String msg = failure(Arrays.copyOf(z, z.length / 2));
        assertTrue(msg.contains("gzip"), msg);
    }

    @Test
    void sharedMnistTestImages() throws IOException {
        Dataset d = IdxReader.readImages(SharedData.file("data/mnist/t10k-images-idx3-ubyte.gz"));
        assertEquals(784, d.features());
        assertEquals(10000, d.samples());
        // Expected values from python3: a = np.frombuffer(gzip.open(f).read(), np.uint8, offset=16)
        //   .reshape(10000, 28, 28); a[0,7,6:12], a[9999,14,14], a.sum(), a[0].sum(), a[9999].sum()
        double[] row = new double[6];
        for (int c = 0; c < 6; c++) {
            row[c] = d.get(7 * 28 + 6 + c, 0);
        }
        assertArrayEquals(new double[] {84, 185, 159, 151, 60, 36}, row);
        assertEquals(18, d.get(14 * 28 + 14, 9999));
        assertEquals(ValueType.U8, d.storedType());
        assertEquals(784L * 10000, d.heapBytes(), "one byte a pixel on the heap");
        double total = 0;
        for (double x : Values.of(d)) {
            total += x;
        }
        assertEquals(264923200, total);
        double first = 0;
        double last = 0;
        for (int i = 0; i < 784; i++) {
            first += d.get(i, 0);
            last += d.get(i, 9999);
        }
        assertEquals(18454, first);
        assertEquals(41833, last);
    }
}
