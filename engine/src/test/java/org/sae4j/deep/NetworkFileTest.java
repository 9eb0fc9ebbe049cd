package org.sae4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.precision.Precision;

class NetworkFileTest {
    static StoredNetwork sample() {
        StackedNetwork net = new StackedNetwork(6, new int[] {5, 4}, 3, 1e-4);
        return new StoredNetwork(new DeepNetwork(net, NetworkSuite.randomTheta(net, 1), new int[] {1, 3, 8}),
                1 / 255.0, Precision.F32, true);
    }

    @Test
    void roundTripsEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.sdn");
        StoredNetwork written = sample();
        NetworkFile.write(file, written);
        StoredNetwork read = NetworkFile.read(file);
        assertEquals(written.network().network(), read.network().network());
        assertArrayEquals(written.network().theta(), read.network().theta());
        assertArrayEquals(new int[] {1, 3, 8}, read.network().classLabels());
        assertEquals(1 / 255.0, read.inputScale());
        assertEquals(Precision.F32, read.precision());
        assertTrue(read.fineTuned());
        int params = written.network().network().parameterCount();
        assertEquals(48 + 4 * 2 + 4 * 3 + 8L * params + 4, Files.size(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void everyCorruptionIsRefusedNamingTheFileAndTheField(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.sdn");
        NetworkFile.write(good, sample());
        byte[] bytes = Files.readAllBytes(good);

        assertRefused(dir, Arrays.copyOf(bytes, 30), "truncated");
        assertRefused(dir, Arrays.copyOf(bytes, bytes.length - 9), "truncated");
        byte[] flipped = bytes.clone();
        flipped[100] ^= 1;
        assertRefused(dir, flipped, "checksum mismatch");
        byte[] magic = bytes.clone();
        magic[5] = 'X';
        assertRefused(dir, magic, "not an sae4j network file");
        assertRefused(dir, withInt(bytes, 8, 2), "unsupported network format version 2");
        assertRefused(dir, withInt(bytes, 16, 0), "layers (offset 16) must be >= 1");
        assertRefused(dir, withInt(bytes, 16, 1 << 30), "more than the");
        assertRefused(dir, withInt(bytes, 20, 1), "classes (offset 20) must be >= 2");
        assertRefused(dir, withInt(bytes, 48, 0), "the width of layer 1 must be >= 1");
        assertRefused(dir, withInt(bytes, 48, Integer.MAX_VALUE), "more than a network can hold");
        assertRefused(dir, withInt(bytes, 52, 5), "expected");
        assertRefused(dir, resealed(withInt(bytes, 40, 16)), "precision (offset 40) must be 64 or 32");
        assertRefused(dir, resealed(withInt(bytes, 44, 2)), "fine-tuned (offset 44) must be 0 or 1");
        assertRefused(dir, resealed(withInt(bytes, 60, 1)), "the labels must be >= 0 and increasing");
        byte[] nan = bytes.clone();
        ByteBuffer.wrap(nan).putDouble(68, Double.NaN);
        assertRefused(dir, resealed(nan), "must be finite");
        assertThrows(NetworkFormatException.class, () -> NetworkFile.read(dir));
    }

    private static void assertRefused(Path dir, byte[] bytes, String message) throws IOException {
        Path file = dir.resolve("bad.sdn");
        Files.write(file, bytes);
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFile.read(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    /** The bytes with a checksum that fits them, so that the field checks behind it are reached. */
    private static byte[] resealed(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
