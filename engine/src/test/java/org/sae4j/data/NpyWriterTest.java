package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesVersion1HeaderAlignedTo64AndLittleEndianData() throws IOException {
        Path p = dir.resolve("theta.npy");
        NpyWriter.writeF64(p, new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, -0.5});
        byte[] b = Files.readAllBytes(p);
        String dictText = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        byte[] expectedHeader = NpyFiles.npy(1, dictText, new byte[0]);
        assertEquals(0, expectedHeader.length % 64);
        assertArrayEquals(expectedHeader, Arrays.copyOf(b, expectedHeader.length),
                new String(b, StandardCharsets.ISO_8859_1));
        assertArrayEquals(NpyFiles.f8(true, 1, 2, 3, 4, 5, -0.5),
                Arrays.copyOfRange(b, expectedHeader.length, b.length));
    }

    @Test
    void fortranFlagAndOneDimensionalShapeSyntax() throws IOException {
        Path p = dir.resolve("m.npy");
        NpyWriter.writeF64Fortran(p, new int[] {2, 2}, new double[] {1, 2, 3, 4});
        String head = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertEquals(true, head.contains("'fortran_order': True, 'shape': (2, 2), }"), head);
        // column-major [[1, 3], [2, 4]] comes back in C order
        assertArrayEquals(new double[] {1, 3, 2, 4}, NpyReader.read(p).values());

        Path v = dir.resolve("v.npy");
        NpyWriter.writeF64(v, new int[] {3}, new double[] {7, 8, 9});
        String vh = new String(Files.readAllBytes(v), StandardCharsets.ISO_8859_1);
        assertEquals(true, vh.contains("'shape': (3,), }"), vh);
    }

    @Test
    void roundTripsLargeArrayAndReplacesExistingFileWithoutLeftovers() throws IOException {
        Path p = dir.resolve("big.npy");
        Files.writeString(p, "old content");
        int m = 70000;
        double[] c = new double[2 * m];
        for (int k = 0; k < c.length; k++) {
            c[k] = Math.sin(k) * 1e3;
        }
        NpyWriter.writeF64(p, new int[] {m, 2}, c);
        Dataset d = NpyReader.readSamples(p);
        assertArrayEquals(c, d.doubles());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
            assertEquals(List.of("big.npy"), names);
        }
    }

    @Test
    void shapeMustMatchValueCount() {
        Path p = dir.resolve("x.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.writeF64(p, new int[] {2, 2}, new double[3]));
        assertEquals("shape (2, 2) needs 4 values, got 3", e.getMessage());
        assertEquals(false, Files.exists(p));
    }
}
