package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sae4j.precision.Precision;

/** The sample store: every kind reads the same values, views cost nothing, and broken files are named. */
class SampleStoreTest {
    @TempDir
    Path dir;

    /** Whole numbers that every integer type holds, and halves exact in f16. */
    private static double[] values(ValueType type, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case U8: x[i] = rnd.nextInt(256); break;
                case I8: x[i] = rnd.nextInt(-128, 128); break;
                case U16: x[i] = rnd.nextInt(65536); break;
                case I16: x[i] = rnd.nextInt(-32768, 32768); break;
                case I32: x[i] = rnd.nextInt(); break;
                case I64: x[i] = rnd.nextLong(-(1L << 52), 1L << 52); break;
                case F16: x[i] = rnd.nextInt(-2048, 2048) / 8.0; break;
                default: x[i] = (float) rnd.nextGaussian();
            }
        }
        return x;
    }

    /** An NPY file of these values in {@code type} and byte order, written here byte by byte. */
    private Path npy(String name, ValueType type, ByteOrder order, int m, int v, double[] x) throws IOException {
        NpyDtype dtype = null;
        for (NpyDtype d : NpyDtype.values()) {
            if (d.type() == type && (type.bytes() == 1 || d.order() == order)) {
                dtype = d;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(x.length * type.bytes()).order(order);
        for (double value : x) {
            switch (type) {
                case F64: b.putDouble(value); break;
                case F32: b.putFloat((float) value); break;
                case F16: b.putShort(half(value)); break;
                case U8: case I8: b.put((byte) value); break;
                case U16: case I16: b.putShort((short) value); break;
                case I32: b.putInt((int) value); break;
                default: b.putLong((long) value);
            }
        }
        return Files.write(dir.resolve(name), NpyFiles.npy(1, NpyFiles.dict(dtype.descr(), false,
                "(" + m + ", " + v + ")"), b.array()));
    }

    /** f16 bits of a value that is a multiple of 1/8 below 2048 in magnitude (exact in f16). */
    private static short half(double x) {
        if (x == 0) {
            return (short) (Double.doubleToRawLongBits(x) < 0 ? 0x8000 : 0);
        }
        int sign = x < 0 ? 0x8000 : 0;
        double a = Math.abs(x);
        int e = Math.getExponent(a);
        int mantissa = (int) Math.round((a / Math.scalb(1.0, e) - 1) * 1024);
        return (short) (sign | (e + 15) << 10 | mantissa);
    }

    @ParameterizedTest
    @EnumSource(ValueType.class)
    void everyTypeAndByteOrderReadsTheSameValuesOnTheHeapAndMapped(ValueType type) throws IOException {
        int m = 37;
        int v = 6;
        double[] x = values(type, m * v, type.ordinal());
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = npy(type + "-" + order + ".npy", type, order, m, v, x);
            Dataset heap = NpyReader.readSamples(file);
            Dataset mapped = NpyReader.mapSamples(file, 4L * v * type.bytes());
            assertEquals(10, TestStores.pieces(mapped), "windows of 4 samples");
            assertTrue(mapped.mappedFile().isPresent());
            assertEquals(0, mapped.heapBytes());
            assertEquals((long) m * v * type.bytes(), mapped.storedBytes());
            for (Dataset d : new Dataset[] {heap, mapped}) {
                assertEquals(type, d.storedType(), d.toString());
                assertArrayEquals(x, Values.of(d.toPrecision(Precision.F64)), 0.0, type + " " + order + " " + d);
                for (int s : new int[] {0, 17, m - 1}) {
                    assertEquals(x[s * v + 3], d.toPrecision(Precision.F64).get(3, s), 0.0);
                }
            }
        }
    }

    @Test
    void aValueIsTheStoredValueTimesTheScaleRoundedOnceToThePrecision() throws IOException {
        byte[] pixels = {0, 1, 7, (byte) 128, (byte) 200, (byte) 255};
        double s = 1 / 255.0;
        Path file = Files.write(dir.resolve("u8.npy"), NpyFiles.npy(1, NpyFiles.dict("|u1", false, "(3, 2)"), pixels));
        for (Dataset d : new Dataset[] {NpyReader.readSamples(file), NpyReader.mapSamples(file),
                Dataset.ofBytes(2, 3, ValueType.U8, pixels, Precision.F64)}) {
            double[] f64 = Values.of(d.scaled(s));
            double[] f32 = Values.of(d.scaled(s).toPrecision(Precision.F32));
            for (int i = 0; i < pixels.length; i++) {
                assertEquals((pixels[i] & 0xFF) * s, f64[i], 0.0);
                assertEquals((float) ((pixels[i] & 0xFF) * s), f32[i], 0.0);
            }
        }
        // heap floats scaled into new floats: the same rounding as a store that scales as it reads
        float[] floats = {0.1f, 3.7f, -2.25f, 1e-3f, 9f, 0f};
        Path f4 = NpyFiles.npyFile(dir.resolve("f4.npy"), "<f4", "(3, 2)", floats);
        assertArrayEquals(Values.of(Dataset.ofFloats(2, 3, floats).scaled(0.3)),
                Values.of(NpyReader.mapSamples(f4).scaled(0.3)), 0.0);
    }

    @Test
    void heapArraysInTheirPrecisionAreReadInPlace() {
        float[] x = new float[5 * 40];
        Dataset d = Dataset.ofFloats(5, 40, x);
        SampleReader r = d.reader(16);
        r.read(8, 16);
        assertSame(x, r.floats(), "no copy");
        assertEquals(8 * 5, r.offset());
        assertTrue(d.readsInPlace());
        // a view is a view: the same array, further in
        SampleReader view = d.range(10, 20).reader(4);
        view.read(2, 4);
        assertSame(x, view.floats());
        assertEquals(12 * 5, view.offset());
    }

    @Test
    void segmentsHoldSetsOfAnySizeAndARangeAcrossTwoIsCopiedOnce() {
        double[] x = values(ValueType.F64, 3 * 50, 3);
        Dataset segmented = TestStores.segmented(Dataset.ofDoubles(3, 50, x), 7);
        assertEquals(8, TestStores.pieces(segmented));
        assertArrayEquals(x, Values.of(segmented), 0.0);
        SampleReader r = segmented.reader(10);
        r.read(14, 7);
        double[] inSegment = r.doubles();
        r.read(12, 5);
        assertNotSame(inSegment, r.doubles(), "samples 12..16 span segments 1 and 2: copied");
        assertEquals(x[12 * 3], r.doubles()[r.offset()], 0.0);
        assertEquals(x[16 * 3 + 2], r.doubles()[r.offset() + 14], 0.0);
        IllegalStateException whole = assertThrows(IllegalStateException.class, segmented::doubles);
        assertTrue(whole.getMessage().contains("not one array"), whole.getMessage());
    }

    @Test
    void selectCopiesHeapSetsInTheirTypeAndPicksMappedOnesInPlace() throws IOException {
        byte[] b = new byte[4 * 30];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        Dataset heap = Dataset.ofBytes(4, 30, ValueType.U8, b, Precision.F32).scaled(0.5);
        int[] pick = {29, 0, 17, 17, 3};
        Dataset selected = heap.select(pick);
        assertEquals(ValueType.U8, selected.storedType());
        assertEquals(pick.length * 4, selected.heapBytes(), "bytes stay bytes");
        Path file = Files.write(dir.resolve("b.npy"), NpyFiles.npy(1, NpyFiles.dict("|u1", false, "(30, 4)"), b));
        Dataset mapped = NpyReader.mapSamples(file).toPrecision(Precision.F32).scaled(0.5);
        Dataset picked = mapped.select(pick).range(1, 4).select(new int[] {3, 0, 1});
        for (int i = 0; i < 4; i++) {
            assertEquals(heap.get(i, 17), selected.get(i, 2), 0.0);
            assertEquals(heap.get(i, 3), picked.get(i, 0), 0.0);
            assertEquals(heap.get(i, 0), picked.get(i, 1), 0.0);
            assertEquals(heap.get(i, 17), picked.get(i, 2), 0.0);
        }
        assertTrue(picked.mappedFile().isPresent(), "picked in place, not copied");
        assertArrayEquals(Values.of(heap.select(new int[] {3, 0, 17})), Values.of(picked), 0.0);
    }

    @Test
    void aNonFiniteValueIsNamedBySampleAndFeatureInEveryStore() throws IOException {
        float[] x = new float[3 * 9];
        x[7 * 3 + 2] = Float.NaN;
        Path file = NpyFiles.npyFile(dir.resolve("nan.npy"), "<f4", "(9, 3)", x);
        for (Dataset d : new Dataset[] {NpyReader.mapSamples(file, 24), TestStores.segmented(Dataset.ofFloats(3, 9, x),
                2)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.requireFinite("the set"));
            assertEquals("the set: sample 7, feature 2 is NaN; expected a finite number", e.getMessage());
        }
        // several: the first is named, on any number of threads
        float[] many = new float[3 * 200_000];
        many[150_000 * 3 + 1] = Float.POSITIVE_INFINITY;
        many[60_001 * 3] = Float.NaN;
        many[190_000 * 3 + 2] = Float.NEGATIVE_INFINITY;
        Dataset several = Dataset.ofFloats(3, 200_000, many);
        for (int threads : new int[] {1, 3}) {
            try (org.sae4j.parallel.ParallelRuntime rt = org.sae4j.parallel.ParallelRuntime.create(threads)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> several.requireFinite("many", rt));
                assertEquals("many: sample 60001, feature 0 is NaN; expected a finite number", e.getMessage());
            }
        }
        // an overflow to f32, and integers that cannot overflow (checked from their range, not read)
        Dataset big = Dataset.ofDoubles(1, 2, new double[] {1, 1e39});
        assertThrows(IllegalArgumentException.class, () -> big.toPrecision(Precision.F32).requireFinite("big"));
        Dataset bytes = Dataset.ofBytes(1, 2, ValueType.U8, new byte[] {1, 2}, Precision.F32);
        bytes.scaled(1e30).requireFinite("fits");
        bytes.scaled(1e38).requireFinite("255 x 1e38 would overflow, but 2e38 does not: the values are read");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bytes.scaled(1e39).requireFinite("overflows"));
        assertEquals("overflows: sample 0, feature 0 is Infinity; expected a finite number", e.getMessage());
    }

    @Test
    void aMappedFileThatChangesIsNamedBeforeItIsRead() throws IOException {
        float[] x = new float[64 * 4096];
        Path file = NpyFiles.npyFile(dir.resolve("shrinks.npy"), "<f4", "(4096, 64)", x);
        Dataset d = NpyReader.mapSamples(file);
        SampleReader r = d.reader(1024);
        r.read(3000, 1024);
        d.requireUnchanged();
        InternalError another = new InternalError("another fault");
        assertSame(another, assertThrows(InternalError.class, () -> d.named(another)), "not a fault of this file");
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(4096);
        }
        InternalError fault = new InternalError("a fault occurred in an unsafe memory access operation");
        UncheckedIOException named = d.named(fault);
        assertTrue(named.getMessage().contains(file.toString()), "a fault of a file that changed names it");
        UncheckedIOException beforeRead = assertThrows(UncheckedIOException.class, () -> r.read(3000, 1024),
                "the length is checked before a page is touched");
        assertTrue(beforeRead.getMessage().contains("it is 4096 now"), beforeRead.getMessage());
        UncheckedIOException changed = assertThrows(UncheckedIOException.class, d::requireUnchanged);
        assertTrue(changed.getCause() instanceof DataFileException);
        assertEquals(file + " changed while training reads it in place (it was " + size + " bytes when opened, it is"
                + " 4096 now); it must stay as it was until the run ends; write new data to a new file",
                changed.getCause().getMessage());
    }

    @Test
    void fortranOrderIsRefusedByNameForMappingAndReadIntoTheHeapByDefault() throws IOException {
        double[] colMajor = {1, 2, 3, 4, 5, 6};
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : colMajor) {
            b.putDouble(v);
        }
        Path file = Files.write(dir.resolve("fortran.npy"), NpyFiles.npy(1, NpyFiles.dict("<f8", true, "(3, 2)"),
                b.array()));
        DataFileException e = assertThrows(DataFileException.class, () -> NpyReader.mapSamples(file));
        assertTrue(e.getMessage().contains("a Fortran-order array cannot be read in place"), e.getMessage());
        Dataset opened = NpyReader.openSamples(file);
        assertFalse(opened.mappedFile().isPresent());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, Values.of(opened), 0.0);
    }

    @Test
    void plainIdxIsMappedAndGzipIdxReadAsBytes() throws IOException {
        byte[] header = ByteBuffer.allocate(16).putInt(0x803).putInt(5).putInt(2).putInt(3).array();
        byte[] pixels = new byte[30];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 8);
        }
        Path plain = dir.resolve("images-idx3-ubyte");
        try (OutputStream out = Files.newOutputStream(plain)) {
            out.write(header);
            out.write(pixels);
        }
        Path gz = dir.resolve("images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(header);
            out.write(pixels);
        }
        Dataset mapped = IdxReader.openImages(plain);
        assertTrue(mapped.mappedFile().isPresent());
        Dataset windows = IdxReader.mapImages(plain, 12);
        assertEquals(3, TestStores.pieces(windows));
        Dataset read = IdxReader.openImages(gz);
        assertFalse(read.mappedFile().isPresent());
        assertEquals(30, read.heapBytes());
        for (Dataset d : new Dataset[] {mapped, windows, read}) {
            assertEquals(ValueType.U8, d.storedType());
            double[] x = Values.of(d);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals(pixels[i] & 0xFF, x[i], 0.0);
            }
        }
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.mapImages(gz));
        assertTrue(e.getMessage().contains("gzip-compressed, which cannot be read in place")
                && e.getMessage().contains("sae convert --idx " + gz), e.getMessage());
        Files.write(plain, pixels, java.nio.file.StandardOpenOption.APPEND);
        DataFileException extra = assertThrows(DataFileException.class, () -> IdxReader.mapImages(plain));
        assertTrue(extra.getMessage().contains("unexpected bytes after the 30 pixel bytes"), extra.getMessage());
    }

    @Test
    void theRowWriterWritesEveryTypeAtomicallyAndRefusesWhatDoesNotFit() throws IOException {
        for (ValueType type : ValueType.values()) {
            if (type == ValueType.F16) {
                assertThrows(IllegalArgumentException.class, () -> NpyWriter.rows(dir.resolve("h.npy"), type, 3));
                continue;
            }
            double[] x = values(type, 7 * 3, 5);
            Path file = dir.resolve(type + ".npy");
            try (NpyWriter.RowWriter w = NpyWriter.rows(file, type, 3)) {
                w.append(x, 0, 4);
                w.append(x, 12, 3);
                assertFalse(Files.exists(file), "nothing in place before the commit");
                w.commit();
            }
            Dataset back = NpyReader.readSamples(file);
            assertEquals(type, back.storedType());
            assertEquals(7, back.samples());
            assertArrayEquals(x, Values.of(back.toPrecision(Precision.F64)), 0.0, type.toString());
        }
        Path bad = dir.resolve("bad.npy");
        try (NpyWriter.RowWriter w = NpyWriter.rows(bad, ValueType.U8, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.append(new double[] {3, 256}, 0, 1));
            assertTrue(e.getMessage().contains("value 256.0 of row 0 is not a u8"), e.getMessage());
        }
        assertFalse(Files.exists(bad), "an uncommitted file is deleted");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }
}
