package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.precision.Precision;

/** Label files: IDX (plain and gzip) and 1-D NPY, and their errors. */
class LabelsTest {
    @TempDir
    Path dir;

    private static byte[] idx(int magic, int count, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).putInt(magic).putInt(count).put(data).array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void idxLabelsPlainAndGzip() throws IOException {
        byte[] file = idx(0x801, 4, new byte[] {0, 9, (byte) 200, 3});
        assertArrayEquals(new int[] {0, 9, 200, 3}, Labels.read(Files.write(dir.resolve("l.idx"), file)));
        assertArrayEquals(new int[] {0, 9, 200, 3}, Labels.read(Files.write(dir.resolve("l.idx.gz"), gzip(file))));
    }

    @Test
    void theMnistTestLabelsAreTheTenDigits() throws IOException {
        int[] labels = Labels.read(SharedData.file("data/mnist/t10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, labels.length);
        int[] counts = new int[10];
        for (int l : labels) {
            counts[l]++;
        }
        for (int d = 0; d < 10; d++) {
            assertTrue(counts[d] > 800, "digit " + d + ": " + counts[d]);
        }
        assertEquals(7, labels[0], "the first test digit is a 7");
    }

    @Test
    void npyLabelsOfIntegerAndWholeFloatTypes() throws IOException {
        ByteBuffer i8 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(0).putLong(5);
        Path ints = Files.write(dir.resolve("i.npy"), NpyFiles.npy(1, NpyFiles.dict("<i8", false, "(3,)"), i8.array()));
        assertArrayEquals(new int[] {2, 0, 5}, Labels.read(ints));
        ByteBuffer f8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(4);
        Path floats = Files.write(dir.resolve("f.npy"), NpyFiles.npy(1, NpyFiles.dict("<f8", false, "(2,)"),
                f8.array()));
        assertArrayEquals(new int[] {1, 4}, Labels.read(floats));
    }

    @Test
    void badLabelsAreNamedWithTheFileAndTheLabel() throws IOException {
        ByteBuffer half = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(2.5);
        Path fraction = Files.write(dir.resolve("half.npy"), NpyFiles.npy(1, NpyFiles.dict("<f8", false, "(2,)"),
                half.array()));
        assertMessage(fraction, "label 1 is 2.5; labels must be whole numbers >= 0");
        ByteBuffer minus = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-3);
        Path negative = Files.write(dir.resolve("neg.npy"), NpyFiles.npy(1, NpyFiles.dict("<i8", false, "(1,)"),
                minus.array()));
        assertMessage(negative, "label 0 is -3.0");
        Path matrix = Files.write(dir.resolve("m.npy"), NpyFiles.npy(1, NpyFiles.dict("<f8", false, "(1, 2)"),
                new byte[16]));
        assertMessage(matrix, "labels must be a 1-D array, got shape [1, 2]");
        Path images = Files.write(dir.resolve("images.idx"), ByteBuffer.allocate(20).putInt(0x803).putInt(1)
                .putInt(1).putInt(1).array());
        assertMessage(images, "not an IDX label file");
        Path cut = Files.write(dir.resolve("cut.idx"), idx(0x801, 10, new byte[4]));
        assertMessage(cut, "truncated IDX data: expected 10 label bytes after the 8-byte header, only 4");
        Path longer = Files.write(dir.resolve("long.idx"), idx(0x801, 2, new byte[3]));
        assertMessage(longer, "unexpected bytes after the 2 label bytes");
        assertMessage(dir, "folder");
    }

    private static void assertMessage(Path file, String fragment) {
        DataFileException e = assertThrows(DataFileException.class, () -> Labels.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void int32NpyWrittenByNpyWriterReadsBack() throws IOException {
        int[] labels = {7, 0, 123456, 3};
        Path f = dir.resolve("i4.npy");
        NpyWriter.writeI32(f, labels);
        assertArrayEquals(labels, Labels.read(f));
        NpyArray a = NpyReader.read(f);
        assertArrayEquals(new int[] {4}, a.shape());
    }

    @Test
    void aColumnOfATableBecomesTheLabels() throws IOException {
        // three samples of three columns, sample-major: (x0, label, x1)
        Dataset table = Dataset.ofDoubles(3, 3, new double[] {0.5, 2, 0.25, 1.5, 0, -1, 9, 7, 8});
        Path file = dir.resolve("t.csv");
        Labels.Labelled l = Labels.takeColumn(table, 1, file);
        assertArrayEquals(new int[] {2, 0, 7}, l.labels());
        assertEquals(2, l.samples().features());
        assertArrayEquals(new double[] {0.5, 0.25, 1.5, -1, 9, 8}, l.samples().doubles(), 0.0);

        assertTrue(assertThrows(DataFileException.class, () -> Labels.takeColumn(table, 3, file)).getMessage()
                .contains(file + ": label column 3 does not exist; its rows have 3 columns, numbered 0 to 2"));
        assertTrue(assertThrows(DataFileException.class, () -> Labels.takeColumn(table, 0, file)).getMessage()
                .contains(file + ": sample 0, column 0 is 0.5; labels must be whole numbers >= 0"));
        assertTrue(assertThrows(DataFileException.class, () -> Labels.takeColumn(table, 2, file)).getMessage()
                .contains("sample 0, column 2 is 0.25"));
        Dataset negative = Dataset.ofDoubles(2, 2, new double[] {0.5, 3, 0.5, -1});
        assertTrue(assertThrows(DataFileException.class, () -> Labels.takeColumn(negative, 1, file)).getMessage()
                .contains("sample 1, column 1 is -1.0"));
        Dataset single = Dataset.ofDoubles(1, 2, new double[] {1, 2});
        assertTrue(assertThrows(DataFileException.class, () -> Labels.takeColumn(single, 0, file)).getMessage()
                .contains("leaves no values"));
    }

    @Test
    void subsetsKeepThePrecisionAndShufflesFollowTheSeed() {
        float[] values = new float[2 * 10];
        int[] labels = new int[10];
        for (int s = 0; s < 10; s++) {
            values[2 * s] = s;
            values[2 * s + 1] = -s;
            labels[s] = s % 3;
        }
        Labels.Labelled l = new Labels.Labelled(Dataset.ofFloats(2, 10, values), labels);
        Labels.Labelled picked = l.subset(new int[] {7, 2});
        assertEquals(Precision.F32, picked.samples().precision());
        assertArrayEquals(new float[] {7, -7, 2, -2}, picked.samples().floats(), 0f);
        assertArrayEquals(new int[] {1, 2}, picked.labels());
        assertArrayEquals(new int[] {2, 5, 8}, l.indicesWhere(y -> y == 2));

        int[] a = l.shuffledIndices(11);
        assertArrayEquals(a, l.shuffledIndices(11));
        assertTrue(!java.util.Arrays.equals(a, l.shuffledIndices(12)), "another seed, another order");
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, 10).toArray(), sorted, "a permutation");
        assertThrows(IllegalArgumentException.class, () -> new Labels.Labelled(Dataset.ofFloats(2, 10, values),
                new int[9]));
    }
}
