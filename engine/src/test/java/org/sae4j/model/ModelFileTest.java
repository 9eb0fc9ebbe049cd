package org.sae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.OutputLayer;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.precision.Precision;

class ModelFileTest {

    private static final int V = 3;
    private static final int H = 2;
    /** 2hv + h + v for V, H, worked out by hand. */
    private static final int THETA_LENGTH = 17;
    /** Where θ starts in a version-2 file. */
    private static final int THETA_START = 64;

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryBitOfThetaAndTheConfiguration() throws IOException {
        double[] theta = specialTheta();
        Path file = dir.resolve("m.sae");
        ModelMetadata meta = metadata(Map.of("dataset", "patches.bin", "commit", "abc123", "note", "Grüße ✓"));

        write(file, V, H, 0.01, 1e-4, 3.0, "f64", theta, meta);
        StoredModel back = ModelFile.read(file);

        assertEquals(V, back.model().config().visible());
        assertEquals(H, back.model().config().hidden());
        assertEquals(Double.doubleToRawLongBits(0.01), Double.doubleToRawLongBits(back.model().config().rho()));
        assertEquals(Double.doubleToRawLongBits(1e-4), Double.doubleToRawLongBits(back.model().config().lambda()));
        assertEquals(Double.doubleToRawLongBits(3.0), Double.doubleToRawLongBits(back.model().config().beta()));
        assertEquals("f64", back.precision().shortName());
        assertEquals(theta.length, back.model().theta().length);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Double.doubleToRawLongBits(theta[i]), Double.doubleToRawLongBits(back.model().theta()[i]),
                    "theta[" + i + "] = " + theta[i]);
        }
        assertEquals(meta, back.metadata());
        assertEquals(List.of("commit", "dataset", "note"), List.copyOf(back.metadata().extra().keySet()));
    }

    @Test
    void roundTripOfF32ModelWithEmptyExtraAndNanCost() throws IOException {
        Path file = dir.resolve("f32.sae");
        ModelMetadata meta = new ModelMetadata("", 0, 1, Double.NaN, 0.0, "java", 1, -7L,
                Instant.ofEpochSecond(-1, 999_999_999), Map.of());
        write(file, V, H, 0.5, 0.0, 0.0, "f32", new double[THETA_LENGTH], meta);

        StoredModel back = ModelFile.read(file);

        assertEquals("f32", back.precision().shortName());
        assertEquals(meta, back.metadata());
        assertTrue(Double.isNaN(back.metadata().finalCost()));
        assertTrue(back.metadata().extra().isEmpty());
    }

    @Test
    void fileLayoutMatchesTheDocumentedOffsets() throws IOException {
        double[] theta = specialTheta();
        Path file = writeSample(theta);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));

        assertEquals("SAE4JMDL", new String(bytes.array(), 0, 8, StandardCharsets.US_ASCII));
        assertEquals(2, bytes.getInt(8));
        assertEquals(V, bytes.getInt(12));
        assertEquals(H, bytes.getInt(16));
        assertEquals(0.01, bytes.getDouble(20));
        assertEquals(1e-4, bytes.getDouble(28));
        assertEquals(3.0, bytes.getDouble(36));
        assertEquals(64, bytes.getInt(44));
        assertEquals(THETA_LENGTH, bytes.getLong(48));
        int metadataLength = bytes.getInt(56);
        assertEquals(0, bytes.getInt(60), "the sigmoid decoder");
        for (int i = 0; i < THETA_LENGTH; i++) {
            assertEquals(Double.doubleToRawLongBits(theta[i]), bytes.getLong(THETA_START + 8 * i));
        }
        int metaStart = THETA_START + 8 * THETA_LENGTH;
        assertEquals(metaStart + metadataLength + 4, bytes.capacity());
        int reasonLength = bytes.getInt(metaStart);
        assertEquals("converged", new String(bytes.array(), metaStart + 4, reasonLength, StandardCharsets.UTF_8));
        CRC32 crc = new CRC32();
        crc.update(bytes.array(), 0, bytes.capacity() - 4);
        assertEquals((int) crc.getValue(), bytes.getInt(bytes.capacity() - 4));
    }

    @Test
    void truncatedFilesAreRefusedAtEveryInterestingLength() throws IOException {
        Path file = writeSample(specialTheta());
        byte[] full = Files.readAllBytes(file);
        int metaStart = THETA_START + 8 * THETA_LENGTH;
        for (int length : new int[] {0, 1, 7, 8, 11, 12, 40, 59, 60, 63, 64, 67, 68, 100, metaStart, metaStart + 5,
                full.length - 4, full.length - 1}) {
            Path cut = dir.resolve("cut-" + length + ".sae");
            Files.write(cut, Arrays.copyOf(full, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(cut));
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(e.getMessage().contains("got " + length), e.getMessage());
            if (length >= 68) {
                assertTrue(e.getMessage().contains("expected " + full.length + " bytes"), e.getMessage());
            }
        }
    }

    @Test
    void appendedBytesAreRefused() throws IOException {
        Path file = writeSample(specialTheta());
        byte[] full = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(full, full.length + 3));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("after the checksum"), e.getMessage());
    }

    @Test
    void aFlippedByteAnywhereIsRefused() throws IOException {
        Path file = writeSample(specialTheta());
        byte[] full = Files.readAllBytes(file);
        Path damaged = dir.resolve("damaged.sae");
        for (int offset = 0; offset < full.length; offset++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] copy = full.clone();
                copy[offset] ^= (byte) mask;
                Files.write(damaged, copy);
                int at = offset;
                assertThrows(ModelFormatException.class, () -> ModelFile.read(damaged),
                        "flipping mask " + mask + " at offset " + at);
            }
        }
    }

    @Test
    void aFlippedByteInThetaOrMetadataIsReportedAsChecksumMismatch() throws IOException {
        Path file = writeSample(specialTheta());
        byte[] full = Files.readAllBytes(file);
        for (int offset : new int[] {THETA_START, THETA_START + 8 * THETA_LENGTH - 1, THETA_START + 8 * THETA_LENGTH + 2, full.length - 1}) {
            byte[] copy = full.clone();
            copy[offset] ^= 0x10;
            Files.write(file, copy);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
            assertTrue(e.getMessage().contains("checksum mismatch"), offset + ": " + e.getMessage());
        }
    }

    @Test
    void otherFilesAreNotModels() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is a long enough text file, certainly longer than a model header is......");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(text));
        assertTrue(e.getMessage().contains("not an sae4j model file"), e.getMessage());
        assertEquals(text, e.file());

        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {'S', 'A', 'X'});
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFile.read(tiny))
                .getMessage().contains("not an sae4j model file"));
    }

    @Test
    void otherFormatVersionsAreRefused() throws IOException {
        Path file = writeSample(specialTheta());
        rewrite(file, b -> b.putInt(8, 3));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("unsupported model format version 3 (this version of sae4j reads versions"
                + " 1 and 2)"), e.getMessage());
    }

    @Test
    void aVersion1FileIsStillReadAsASigmoidModel() throws IOException {
        double[] theta = specialTheta();
        Path file = writeSample(theta);
        StoredModel v2 = ModelFile.read(file);
        // version 1 is version 2 without the decoder field at offset 60
        byte[] bytes = Files.readAllBytes(file);
        byte[] v1 = new byte[bytes.length - 4];
        System.arraycopy(bytes, 0, v1, 0, 60);
        System.arraycopy(bytes, 64, v1, 60, bytes.length - 64);
        ByteBuffer b = ByteBuffer.wrap(v1);
        b.putInt(8, 1);
        CRC32 crc = new CRC32();
        crc.update(v1, 0, v1.length - 4);
        b.putInt(v1.length - 4, (int) crc.getValue());
        Path old = Files.write(dir.resolve("v1.sae"), v1);

        StoredModel back = ModelFile.read(old);
        assertEquals(OutputLayer.SIGMOID, back.model().config().outputLayer());
        assertEquals(v2.model().config(), back.model().config());
        assertArrayEquals(v2.model().theta(), back.model().theta());
        assertEquals(v2.metadata(), back.metadata());
    }

    @Test
    void theLinearDecoderRoundTripsAndAnUnknownDecoderIsRefused() throws IOException {
        SparseAutoencoderConfig linear = new SparseAutoencoderConfig(V, H, 0.01, 1e-4, 3, OutputLayer.LINEAR);
        Path file = dir.resolve("linear.sae");
        ModelFile.write(file, new StoredModel(new TrainedModel(linear, specialTheta()), Precision.F64,
                new ModelMetadata("converged", 1, 2, 0.5, 0.1, "java", 1, 0, Instant.ofEpochSecond(0), Map.of())));
        assertEquals(OutputLayer.LINEAR, ModelFile.read(file).model().config().outputLayer());
        assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(file)).getInt(60));
        rewrite(file, b -> b.putInt(60, 7));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("decoder (offset 60) must be 0 (sigmoid) or 1 (linear), got 7"),
                e.getMessage());
    }

    @Test
    void inconsistentThetaLengthInTheFileIsRefused() throws IOException {
        Path file = writeSample(specialTheta());
        rewrite(file, b -> b.putInt(16, H + 1));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("theta length (offset 48) must be 2hv + h + v = 24"), e.getMessage());
    }

    @Test
    void invalidConfigurationValuesWithAValidChecksumAreRefused() throws IOException {
        Map<String, java.util.function.Consumer<ByteBuffer>> damage = Map.of(
                "rho must be in (0, 1), got 1.5", b -> b.putDouble(20, 1.5),
                "rho must be in (0, 1), got NaN", b -> b.putDouble(20, Double.NaN),
                "lambda must be finite and >= 0, got -1.0", b -> b.putDouble(28, -1.0),
                "beta must be finite and >= 0, got Infinity", b -> b.putDouble(36, Double.POSITIVE_INFINITY),
                "precision (offset 44) must be 64 (f64) or 32 (f32), got 16", b -> b.putInt(44, 16),
                "visible units (offset 12) must be >= 1, got 0", b -> b.putInt(12, 0),
                "theta[4] is NaN", b -> b.putDouble(THETA_START + 8 * 4, Double.NaN),
                "metadata threads must be >= 1, got 0", b -> b.putInt(metadataThreadsOffset(b), 0));
        for (Map.Entry<String, java.util.function.Consumer<ByteBuffer>> entry : damage.entrySet()) {
            Path file = writeSample(specialTheta());
            rewrite(file, entry.getValue());
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
            assertTrue(e.getMessage().contains(entry.getKey()), e.getMessage());
        }
    }

    @Test
    void badMetadataLengthsAreRefusedWithTheirOffset() throws IOException {
        Path file = writeSample(specialTheta());
        int metaStart = THETA_START + 8 * THETA_LENGTH;
        rewrite(file, b -> b.putInt(metaStart, 1_000_000));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("metadata termination reason at offset " + (metaStart + 4)),
                e.getMessage());
    }

    @Test
    void writingReplacesAnExistingModelAndLeavesNoTemporaryFiles() throws IOException {
        Path file = writeSample(specialTheta());
        double[] other = new double[THETA_LENGTH];
        Arrays.fill(other, 0.25);
        write(file, V, H, 0.01, 1e-4, 3.0, "f64", other, metadata(Map.of()));

        assertArrayEquals(other, ModelFile.read(file).model().theta());
        assertEquals(List.of(file), listDir());
    }

    @Test
    void aRefusedWriteLeavesTheExistingModelUntouched() throws IOException {
        Path file = writeSample(specialTheta());
        byte[] before = Files.readAllBytes(file);

        IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class, () -> write(
                file, V, H, 0.01, 1e-4, 3.0, "f64", new double[THETA_LENGTH + 1], metadata(Map.of())));
        assertTrue(wrongLength.getMessage().contains("must have length 2hv + h + v = 17"),
                wrongLength.getMessage());
        double[] withNan = specialTheta();
        withNan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> write(
                file, V, H, 0.01, 1e-4, 3.0, "f64", withNan, metadata(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> write(
                file, V, H, 0.01, 1e-4, 3.0, "f16", specialTheta(), metadata(Map.of())));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void metadataIsValidatedAndItsExtraMapIsSortedAndUnmodifiable() {
        Map<String, String> extra = new HashMap<>();
        extra.put("zeta", "1");
        extra.put("alpha", "2");
        ModelMetadata meta = metadata(extra);
        assertEquals(List.of("alpha", "zeta"), List.copyOf(meta.extra().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> meta.extra().put("x", "y"));

        extra.put("bad", null);
        assertThrows(IllegalArgumentException.class, () -> metadata(extra));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("r", -1, 0, 0, 0, "java", 1, 0,
                Instant.EPOCH, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("r", 0, 0, 0, -0.5, "java", 1, 0,
                Instant.EPOCH, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("r", 0, 0, 0, 0, "java", 0, 0,
                Instant.EPOCH, Map.of()));
    }

    /** Writes a model from its parts, as the tests build them. */
    private static void write(Path file, int v, int h, double rho, double lambda, double beta, String precision,
                              double[] theta, ModelMetadata meta) throws IOException {
        ModelFile.write(file, new StoredModel(
                new TrainedModel(new SparseAutoencoderConfig(v, h, rho, lambda, beta), theta),
                Precision.parse(precision), meta));
    }

    /** Values whose bits a careless encoding (text, float32, arithmetic) would change. */
    private static double[] specialTheta() {
        Random random = new Random(42);
        double[] theta = new double[THETA_LENGTH];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian() * 0.1;
        }
        theta[0] = -0.0;
        theta[1] = Double.MIN_VALUE;
        theta[2] = -Double.MIN_NORMAL / 3;
        theta[3] = Double.MAX_VALUE;
        theta[5] = 0.1;
        theta[16] = Math.nextUp(1.0);
        return theta;
    }

    private static ModelMetadata metadata(Map<String, String> extra) {
        return new ModelMetadata("converged", 400, 412, 0.4251, 12.5, "java", 8, 1234L,
                Instant.parse("2025-03-04T05:06:07.123456789Z"), extra);
    }

    private Path writeSample(double[] theta) throws IOException {
        Path file = dir.resolve("sample.sae");
        write(file, V, H, 0.01, 1e-4, 3.0, "f64", theta, metadata(Map.of("k", "v")));
        return file;
    }

    /** Applies {@code change} to the file's bytes and recomputes its checksum, as a buggy writer would. */
    private static void rewrite(Path file, java.util.function.Consumer<ByteBuffer> change) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        change.accept(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes.array(), 0, bytes.capacity() - 4);
        bytes.putInt(bytes.capacity() - 4, (int) crc.getValue());
        Files.write(file, bytes.array());
    }

    /** Offset of "threads" in the sample metadata: after reason, 2 ints, 2 doubles and backend. */
    private static int metadataThreadsOffset(ByteBuffer b) {
        int at = THETA_START + 8 * THETA_LENGTH;
        at += 4 + b.getInt(at);
        at += 4 + 4 + 8 + 8;
        at += 4 + b.getInt(at);
        return at;
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        }
    }

    @Test
    void encoderDigestDependsOnW1AndB1Only() {
        SparseAutoencoderConfig config = new SparseAutoencoderConfig(4, 3, 0.1, 1e-4, 3);
        double[] theta = new double[config.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.01 * (i + 1);
        }
        byte[] digest = new TrainedModel(config, theta).encoderDigest();
        assertEquals(32, digest.length);
        double[] otherDecoder = theta.clone();
        otherDecoder[config.w2Offset()] += 1;
        otherDecoder[config.b2Offset()] += 1;
        assertArrayEquals(digest, new TrainedModel(config.withOutputLayer(OutputLayer.LINEAR), otherDecoder).encoderDigest(),
                "W2, b2 and the decoder do not change the features");
        double[] otherW1 = theta.clone();
        otherW1[config.w1Offset() + 5] = Math.nextUp(otherW1[config.w1Offset() + 5]);
        assertTrue(!Arrays.equals(digest, new TrainedModel(config, otherW1).encoderDigest()));
        double[] otherB1 = theta.clone();
        otherB1[config.b1Offset() + 2] += 1e-9;
        assertTrue(!Arrays.equals(digest, new TrainedModel(config, otherB1).encoderDigest()));
    }
}
