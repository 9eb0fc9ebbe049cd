package org.sae4j.classify;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.sae4j.io.AtomicFiles;

/**
 * Reads and writes {@link StoredClassifier}s in the sae4j classifier format, version {@value #VERSION},
 * described byte by byte in docs/classifier-format.md: a fixed big-endian header, the class labels, θ as
 * float64 and a CRC32 of everything before it. Writing is atomic (see {@link AtomicFiles}); reading checks
 * the size against the header before allocating anything, then every field and the checksum, so it never
 * returns a damaged classifier.
 */
public final class ClassifierFile {
    /** The format version this class reads and writes. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "SAE4JSMX".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 76;
    private static final int CHECKSUM_SIZE = 4;
    private static final int KIND_RAW = 0;
    private static final int KIND_ENCODER = 1;
    /** The largest file read whole into one array. */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private ClassifierFile() {
    }

    /** Writes {@code stored} to {@code file}, replacing it atomically if it exists. */
    public static void write(Path file, StoredClassifier stored) throws IOException {
        SoftmaxClassifier c = stored.classifier();
        SoftmaxRegression config = c.config();
        int[] labels = c.classLabels();
        double[] theta = c.theta();
        byte[] digest = stored.usesEncoder() ? stored.encoderDigest() : new byte[StoredClassifier.DIGEST_BYTES];
        AtomicFiles.write(file, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeInt(stored.inputs());
            data.writeInt(config.features());
            data.writeInt(config.classes());
            data.writeDouble(config.lambda());
            data.writeDouble(stored.inputScale());
            data.writeInt(stored.usesEncoder() ? KIND_ENCODER : KIND_RAW);
            data.write(digest);
            for (int label : labels) {
                data.writeInt(label);
            }
            ByteBuffer bytes = ByteBuffer.allocate(8 * theta.length);
            bytes.asDoubleBuffer().put(theta);
            data.write(bytes.array());
            data.flush();
            new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
        });
    }

    /**
     * Reads and fully validates a classifier file.
     *
     * @throws ClassifierFormatException if the file is not a complete, intact version-{@value #VERSION}
     *                                   classifier; the message names the field at fault
     */
    public static StoredClassifier read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ClassifierFormatException(file, "a folder; expected a classifier written by sae classify"
                    + " --save");
        }
        long size = Files.size(file);
        if (size > MAX_SIZE) {
            throw new ClassifierFormatException(file, size + " bytes is larger than any classifier this version"
                    + " reads");
        }
        return parse(file, Files.readAllBytes(file));
    }

    private static StoredClassifier parse(Path file, byte[] bytes) throws ClassifierFormatException {
        int magicBytes = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, magicBytes, MAGIC, 0, magicBytes)) {
            throw new ClassifierFormatException(file, "not an sae4j classifier file (it does not start with"
                    + " \"SAE4JSMX\")");
        }
        if (bytes.length < HEADER_SIZE + CHECKSUM_SIZE) {
            throw new ClassifierFormatException(file, "truncated: expected at least " + (HEADER_SIZE + CHECKSUM_SIZE)
                    + " bytes (header and checksum), got " + bytes.length);
        }
        ByteBuffer h = ByteBuffer.wrap(bytes);
        int version = h.getInt(8);
        if (version != VERSION) {
            throw new ClassifierFormatException(file, "unsupported classifier format version " + version
                    + " (this version of sae4j reads version " + VERSION + ")");
        }
        int inputs = h.getInt(12);
        int features = h.getInt(16);
        int classes = h.getInt(20);
        requireAtLeast(file, "inputs (offset 12)", inputs, 1);
        requireAtLeast(file, "features (offset 16)", features, 1);
        requireAtLeast(file, "classes (offset 20)", classes, 2);
        long parameters = (long) classes * (features + 1L);
        long expected = HEADER_SIZE + 4L * classes + 8 * parameters + CHECKSUM_SIZE;
        if (bytes.length != expected) {
            throw new ClassifierFormatException(file, (bytes.length < expected ? "truncated: " : "")
                    + "expected " + expected + " bytes for " + classes + " classes of " + features + " features, got "
                    + bytes.length);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CHECKSUM_SIZE);
        int stored = h.getInt(bytes.length - CHECKSUM_SIZE);
        if ((int) crc.getValue() != stored) {
            throw new ClassifierFormatException(file, String.format("checksum mismatch: stored CRC32 0x%08x,"
                    + " computed 0x%08x; the file is corrupt", stored, (int) crc.getValue()));
        }
        double lambda = h.getDouble(24);
        double scale = h.getDouble(32);
        int kind = h.getInt(40);
        byte[] digest = Arrays.copyOfRange(bytes, 44, 44 + StoredClassifier.DIGEST_BYTES);
        if (kind != KIND_RAW && kind != KIND_ENCODER) {
            throw new ClassifierFormatException(file, "feature kind (offset 40) must be " + KIND_RAW + " (raw inputs)"
                    + " or " + KIND_ENCODER + " (autoencoder features), got " + kind);
        }
        int[] labels = new int[classes];
        h.position(HEADER_SIZE);
        for (int c = 0; c < classes; c++) {
            labels[c] = h.getInt();
            if (labels[c] < 0 || (c > 0 && labels[c] <= labels[c - 1])) {
                throw new ClassifierFormatException(file, "class label " + c + " is " + labels[c]
                        + "; the labels must be >= 0 and increasing");
            }
        }
        double[] theta = new double[(int) parameters];
        h.asDoubleBuffer().get(theta);
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new ClassifierFormatException(file, "theta[" + i + "] is " + theta[i]
                        + "; a classifier's parameters must be finite");
            }
        }
        try {
            SoftmaxClassifier c = new SoftmaxClassifier(new SoftmaxRegression(features, classes, lambda), theta,
                    labels);
            return new StoredClassifier(c, inputs, scale, kind == KIND_ENCODER ? digest : null);
        } catch (IllegalArgumentException e) {
            throw new ClassifierFormatException(file, "invalid classifier: " + e.getMessage());
        }
    }

    private static void requireAtLeast(Path file, String field, int value, int least)
            throws ClassifierFormatException {
        if (value < least) {
            throw new ClassifierFormatException(file, field + " must be >= " + least + ", got " + value);
        }
    }
}
