package org.sae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier file: written and read back exactly, and every kind of damage refused by name. */
class ClassifierFileTest {
    @TempDir
    Path dir;

    private static SoftmaxClassifier classifier(int features, int[] labels, long seed) {
        SoftmaxRegression config = new SoftmaxRegression(features, labels.length, 1e-3);
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[config.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextDouble(-1, 1);
        }
        return new SoftmaxClassifier(config, theta, labels);
    }

    private static byte[] digest(int seed) {
        byte[] d = new byte[StoredClassifier.DIGEST_BYTES];
        Arrays.fill(d, (byte) seed);
        return d;
    }

    @Test
    void roundTripsBothKinds() throws Exception {
        StoredClassifier encoded = new StoredClassifier(classifier(5, new int[] {0, 3, 9}, 1), 12, 1 / 255.0,
                digest(7));
        Path a = dir.resolve("a.smx");
        ClassifierFile.write(a, encoded);
        StoredClassifier back = ClassifierFile.read(a);
        assertArrayEquals(encoded.classifier().theta(), back.classifier().theta(), 0.0);
        assertArrayEquals(new int[] {0, 3, 9}, back.classifier().classLabels());
        assertEquals(encoded.classifier().config(), back.classifier().config());
        assertEquals(12, back.inputs());
        assertEquals(1 / 255.0, back.inputScale(), 0.0);
        assertTrue(back.matchesEncoder(digest(7)));
        assertFalse(back.matchesEncoder(digest(8)));

        StoredClassifier raw = new StoredClassifier(classifier(4, new int[] {1, 2}, 2), 4, 1, null);
        Path b = dir.resolve("b.smx");
        ClassifierFile.write(b, raw);
        StoredClassifier rawBack = ClassifierFile.read(b);
        assertFalse(rawBack.usesEncoder());
        assertNull(rawBack.encoderDigest());
        assertArrayEquals(raw.classifier().theta(), rawBack.classifier().theta(), 0.0);
        assertEquals(76 + 4 * 2 + 8 * 2 * 5 + 4, Files.size(b), "the size docs/classifier-format.md gives");
    }

    private byte[] valid() throws Exception {
        Path f = dir.resolve("v.smx");
        ClassifierFile.write(f, new StoredClassifier(classifier(3, new int[] {4, 6}, 3), 3, 1, null));
        return Files.readAllBytes(f);
    }

    /** Puts a fresh CRC32 on the bytes, so that the field check, not the checksum, must catch the change. */
    private static byte[] resealed(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private String refusal(byte[] bytes) throws Exception {
        Path f = Files.write(dir.resolve("bad.smx"), bytes);
        ClassifierFormatException e = assertThrows(ClassifierFormatException.class, () -> ClassifierFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void damageIsNamed() throws Exception {
        byte[] good = valid();
        assertTrue(refusal(Arrays.copyOf(good, good.length - 1)).contains("truncated: expected"));
        assertTrue(refusal(Arrays.copyOf(good, 50)).contains("truncated: expected at least 80 bytes"));
        assertTrue(refusal("not a classifier at all, but long enough to have a header, really, truly..."
                .getBytes()).contains("not an sae4j classifier file"));
        byte[] flipped = good.clone();
        flipped[90] ^= 1;
        assertTrue(refusal(flipped).contains("checksum mismatch"));
        byte[] longer = Arrays.copyOf(good, good.length + 8);
        assertTrue(refusal(longer).contains("expected " + good.length + " bytes"));

        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(8, 2);
        assertTrue(refusal(resealed(version)).contains("unsupported classifier format version 2"));
        byte[] oneClass = good.clone();
        ByteBuffer.wrap(oneClass).putInt(20, 1);
        assertTrue(refusal(resealed(oneClass)).contains("classes (offset 20) must be >= 2, got 1"));
        byte[] hugeFeatures = good.clone();
        ByteBuffer.wrap(hugeFeatures).putInt(16, Integer.MAX_VALUE);
        assertTrue(refusal(resealed(hugeFeatures)).contains("bytes for 2 classes of 2147483647 features"));
        byte[] kind = good.clone();
        ByteBuffer.wrap(kind).putInt(40, 5);
        assertTrue(refusal(resealed(kind)).contains("feature kind (offset 40)"));
        byte[] order = good.clone();
        ByteBuffer.wrap(order).putInt(76, 6);
        assertTrue(refusal(resealed(order)).contains("class label 1 is 6; the labels must be >= 0 and increasing"));
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putDouble(84, Double.NaN);
        assertTrue(refusal(resealed(nan)).contains("theta[0] is NaN"));
        byte[] scale = good.clone();
        ByteBuffer.wrap(scale).putDouble(32, 0);
        assertTrue(refusal(resealed(scale)).contains("invalid classifier: the input scale must be finite and not 0"));
        byte[] inputs = good.clone();
        ByteBuffer.wrap(inputs).putInt(12, 5);
        assertTrue(refusal(resealed(inputs)).contains("as many features as inputs"));
        assertTrue(assertThrows(ClassifierFormatException.class, () -> ClassifierFile.read(dir))
                .getMessage().contains("a folder"));
    }
}
