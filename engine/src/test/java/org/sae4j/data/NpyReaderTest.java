package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sae4j.data.NpyFiles.dict;
import static org.sae4j.data.NpyFiles.f4;
import static org.sae4j.data.NpyFiles.f8;
import static org.sae4j.data.NpyFiles.i4;
import static org.sae4j.data.NpyFiles.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sae4j.precision.Precision;

class NpyReaderTest {
    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("t.npy"), content);
    }

    /** 3 samples x 2 features: a[i][j] = 10 i + j + 0.5. */
    private static final float[] ROWS_C = {0.5f, 1.5f, 10.5f, 11.5f, 20.5f, 21.5f};
    private static final float[] ROWS_F = {0.5f, 10.5f, 20.5f, 1.5f, 11.5f, 21.5f};

    private static void assertThreeByTwo(Dataset d) {
        assertEquals(2, d.features());
        assertEquals(3, d.samples());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(10 * i + j + 0.5, d.get(j, i), "sample " + i + " feature " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsF4InCOrderInEveryVersion(int major) throws IOException {
        Dataset d = NpyReader.readSamples(file(npy(major, dict("<f4", false, "(3, 2)"), f4(true, ROWS_C))));
        assertEquals(Precision.F32, d.precision());
        assertThreeByTwo(d);
        // C order rows are stored contiguously as our columns
        assertArrayEquals(ROWS_C, d.floats());
    }

    @Test
    void readsF4InFortranOrder() throws IOException {
        Dataset d = NpyReader.readSamples(file(npy(1, dict("<f4", true, "(3, 2)"), f4(true, ROWS_F))));
        assertEquals(Precision.F32, d.precision());
        assertThreeByTwo(d);
    }

    @Test
    void readsBigEndianF4() throws IOException {
        Dataset d = NpyReader.readSamples(file(npy(1, dict(">f4", false, "(3, 2)"), f4(false, ROWS_C))));
        assertEquals(Precision.F32, d.precision());
        assertThreeByTwo(d);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsF8BothEndiannessesAndOrders(boolean fortran) throws IOException {
        double[] vals = new double[6];
        float[] src = fortran ? ROWS_F : ROWS_C;
        for (int k = 0; k < 6; k++) {
            vals[k] = src[k];
        }
        Dataset le = NpyReader.readSamples(file(npy(2, dict("<f8", fortran, "(3, 2)"), f8(true, vals))));
        assertEquals(Precision.F64, le.precision());
        assertThreeByTwo(le);
        Dataset be = NpyReader.readSamples(file(npy(3, dict(">f8", fortran, "(3, 2)"), f8(false, vals))));
        assertEquals(Precision.F64, be.precision());
        assertThreeByTwo(be);
    }

    @Test
    void readsUnsignedBytesAsRawValues() throws IOException {
        byte[] data = {0, (byte) 255, (byte) 128, 7};
        Dataset d = NpyReader.readSamples(file(npy(1, dict("|u1", false, "(2, 2)"), data)));
        assertEquals(Precision.F64, d.precision());
        assertEquals(ValueType.U8, d.storedType(), "bytes stay bytes");
        assertEquals(4, d.heapBytes());
        assertArrayEquals(new double[] {0, 255, 128, 7}, Values.of(d));
        assertArrayEquals(new double[] {0, 1, 128 / 255.0, 7 / 255.0}, Values.of(d.scaled(1 / 255.0)));
    }

    @Test
    void readsHalfPrecisionExactlyIncludingSubnormals() throws IOException {
        // 1, -2, 65504 (the largest half), 2^-24 (the smallest subnormal), 0.333251953125, -0
        short[] bits = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x3555, (short) 0x8000};
        for (boolean little : new boolean[] {true, false}) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12)
                    .order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
            for (short s : bits) {
                b.putShort(s);
            }
            Path p = file(npy(1, dict(little ? "<f2" : ">f2", false, "(3, 2)"), b.array()));
            for (Dataset d : new Dataset[] {NpyReader.readSamples(p), NpyReader.mapSamples(p)}) {
                assertEquals(ValueType.F16, d.storedType());
                assertEquals(Precision.F32, d.precision());
                assertArrayEquals(new double[] {1, -2, 65504, 0x1p-24, 0.333251953125, -0.0},
                        Values.of(d.toPrecision(Precision.F64)));
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d.get(1, 2)));
            }
        }
        java.nio.ByteBuffer inf = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3C00).putShort((short) 0x7C00);
        Path p = file(npy(1, dict("<f2", false, "(1, 2)"), inf.array()));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("sample 0, feature 1 is Infinity"), msg);
    }

    @Test
    void acceptsReorderedKeysDoubleQuotesAndPython2Longs() throws IOException {
        String header = "{\"shape\": (3L, 2L), \"fortran_order\": False, \"descr\": \"<f4\"}";
        assertThreeByTwo(NpyReader.readSamples(file(npy(1, header, f4(true, ROWS_C)))));
    }

    @Test
    void largeFileStreamsAcrossChunks() throws IOException {
        // 300000 doubles = 2.4 MB, more than one read chunk
        int m = 100000;
        double[] vals = new double[3 * m];
        for (int k = 0; k < vals.length; k++) {
            vals[k] = k * 0.25;
        }
        Dataset d = NpyReader.readSamples(file(npy(1, dict("<f8", false, "(" + m + ", 3)"), f8(true, vals))));
        assertEquals(3, d.features());
        assertEquals(m, d.samples());
        assertEquals((3L * 99999 + 2) * 0.25, d.get(2, 99999));
        assertEquals((3L * 43690 + 1) * 0.25, d.get(1, 43690));
    }

    @Test
    void genericReadReturnsCOrderForEveryRank() throws IOException {
        NpyArray scalar = NpyReader.read(file(npy(1, dict("<f8", false, "()"), f8(true, 4.25))));
        assertEquals(0, scalar.rank());
        assertEquals(4.25, scalar.get());

        NpyArray vector = NpyReader.read(file(npy(1, dict("<f8", false, "(3,)"), f8(true, 1, 2, 3))));
        assertArrayEquals(new int[] {3}, vector.shape());
        assertArrayEquals(new double[] {1, 2, 3}, vector.values());

        // (2, 3, 4) with value 100 a + 10 b + c, stored first index fastest
        double[] fortran = new double[24];
        double[] expectedC = new double[24];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    fortran[a + 2 * (b + 3 * c)] = 100 * a + 10 * b + c;
                    expectedC[(a * 3 + b) * 4 + c] = 100 * a + 10 * b + c;
                }
            }
        }
        NpyArray cube = NpyReader.read(file(npy(2, dict("<f8", true, "(2, 3, 4)"), f8(true, fortran))));
        assertTrue(cube.fortranOrder());
        assertArrayEquals(new int[] {2, 3, 4}, cube.shape());
        assertArrayEquals(expectedC, cube.values());
        assertEquals(123, cube.get(1, 2, 3));

        NpyArray ints = NpyReader.read(file(npy(1, dict(">i4", false, "(2, 2)"), i4(false, -1, 7, 65536, 2))));
        assertEquals(">i4", ints.dtype());
        assertArrayEquals(new double[] {-1, 7, 65536, 2}, ints.values());
    }

    @Test
    void wrongMagicNamesFileAndExpectedMagic() throws IOException {
        Path p = file("PK\u0003\u0004 this is a zip".getBytes());
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains(p.toString()), msg);
        assertTrue(msg.contains("\\x93NUMPY"), msg);
        assertTrue(msg.contains("\\x50\\x4b"), msg);
        Path empty = file(new byte[0]);
        String msg2 = assertThrows(DataFileException.class, () -> NpyReader.read(empty)).getMessage();
        assertTrue(msg2.contains("empty file"), msg2);
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] b = npy(1, dict("<f4", false, "(3, 2)"), f4(true, ROWS_C));
        b[6] = 4;
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(file(b))).getMessage();
        assertTrue(msg.contains("version 4.0") && msg.contains("1.0, 2.0, 3.0"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr' '<f4', 'fortran_order': False, 'shape': (3, 2), }",
        "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (3, 2), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, x), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), } trailing",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2)",
        "'descr': '<f4'"
    })
    void malformedHeaderDict(String header) throws IOException {
        Path p = file(npy(1, header, f4(true, ROWS_C)));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains(p.toString()) && msg.contains("malformed NPY header"), msg);
        assertTrue(msg.contains("character"), msg);
    }

    @Test
    void missingOrWrongTypedKeys() throws IOException {
        String missing = "{'descr': '<f4', 'fortran_order': False}";
        String msg = assertThrows(DataFileException.class,
                () -> NpyReader.readSamples(file(npy(1, missing, f4(true, ROWS_C))))).getMessage();
        assertTrue(msg.contains("lacks the key 'shape'"), msg);
        String extra = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), 'x': True}";
        msg = assertThrows(DataFileException.class,
                () -> NpyReader.readSamples(file(npy(1, extra, f4(true, ROWS_C))))).getMessage();
        assertTrue(msg.contains("unexpected keys"), msg);
        String badShape = "{'descr': '<f4', 'fortran_order': False, 'shape': 'big'}";
        msg = assertThrows(DataFileException.class,
                () -> NpyReader.readSamples(file(npy(1, badShape, f4(true, ROWS_C))))).getMessage();
        assertTrue(msg.contains("'shape' must be a tuple"), msg);
    }

    @Test
    void unsupportedDtypeIsNamedAndSupportedOnesListed() throws IOException {
        Path p = file(npy(1, dict("<c8", false, "(3, 2)"), new byte[48]));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("'<c8'"), msg);
        assertTrue(msg.contains("<f4") && msg.contains(">f8") && msg.contains("|u1") && msg.contains("<f2"), msg);
    }

    @Test
    void samplesMustBeTwoDimensional() throws IOException {
        Path p = file(npy(1, dict("<f4", false, "(6,)"), f4(true, ROWS_C)));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("2-D") && msg.contains("(6,)"), msg);
        Path cube = file(npy(1, dict("<f4", false, "(1, 3, 2)"), f4(true, ROWS_C)));
        msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(cube)).getMessage();
        assertTrue(msg.contains("(1, 3, 2)"), msg);
    }

    @Test
    void truncatedDataSaysExpectedAndPresentBytes() throws IOException {
        byte[] b = npy(1, dict("<f4", false, "(3, 2)"), f4(true, ROWS_C));
        Path p = file(Arrays.copyOf(b, b.length - 5));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("truncated") && msg.contains("needs 24 bytes") && msg.contains("only 19"), msg);
        Path headerCut = file(Arrays.copyOf(b, 30));
        msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(headerCut)).getMessage();
        assertTrue(msg.contains("truncated NPY header"), msg);
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] b = npy(1, dict("<f4", false, "(3, 2)"), f4(true, ROWS_C));
        Path p = file(Arrays.copyOf(b, b.length + 4));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("4 unexpected bytes"), msg);
    }

    @Test
    void nonFiniteValuesNameSampleAndFeature() throws IOException {
        float[] vals = ROWS_C.clone();
        vals[2 * 2 + 1] = Float.NaN; // sample 2, feature 1
        Path p = file(npy(1, dict("<f4", false, "(3, 2)"), f4(true, vals)));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("sample 2, feature 1") && msg.contains("NaN"), msg);

        double[] inf = {1, 2, 3, Double.POSITIVE_INFINITY, 5, 6}; // Fortran order: row 0, column 1
        Path q = file(npy(1, dict("<f8", true, "(3, 2)"), f8(true, inf)));
        msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(q)).getMessage();
        assertTrue(msg.contains("sample 0, feature 1") && msg.contains("Infinity"), msg);
        msg = assertThrows(DataFileException.class, () -> NpyReader.read(q)).getMessage();
        assertTrue(msg.contains("element (0, 1)"), msg);
    }

    @Test
    void emptyArrayIsRejected() throws IOException {
        Path p = file(npy(1, dict("<f4", false, "(0, 64)"), new byte[0]));
        String msg = assertThrows(DataFileException.class, () -> NpyReader.readSamples(p)).getMessage();
        assertTrue(msg.contains("empty array") && msg.contains("(0, 64)"), msg);
    }

    @Test
    void sharedUfldlPatches() throws IOException {
        Dataset d = NpyReader.readSamples(SharedData.file("data/ufldl/patches_10000_seed0.npy"));
        assertEquals(Precision.F32, d.precision());
        assertEquals(64, d.features());
        assertEquals(10000, d.samples());
        // Expected values from python3 -c "import numpy as np; a=np.load('patches_10000_seed0.npy');
        //   print([float(x) for x in a[0,:3]], float(a[9999,-1]), float(a[1234,17]))"
        assertEquals(0.3585762083530426, d.get(0, 0));
        assertEquals(0.44419366121292114, d.get(1, 0));
        assertEquals(0.38323792815208435, d.get(2, 0));
        assertEquals(0.5108861923217773, d.get(63, 9999));
        assertEquals(0.8527125716209412, d.get(17, 1234));
    }

    @Test
    void sharedWhitenedImageStack() throws IOException {
        NpyArray a = NpyReader.read(SharedData.file("data/ufldl/images_whitened.npy"));
        assertArrayEquals(new int[] {10, 512, 512}, a.shape());
        assertEquals("<f4", a.dtype());
        assertFalse(a.fortranOrder());
        // python3 -c "import numpy as np; a=np.load('images_whitened.npy');
        //   print(float(a[0,0,0]), float(a[3,100,200]), float(a[9,511,511]))"
        assertEquals(0.34344571828842163, a.get(0, 0, 0));
        assertEquals(0.3755871653556824, a.get(3, 100, 200));
        assertEquals(-0.4992675483226776, a.get(9, 511, 511));
    }
}
