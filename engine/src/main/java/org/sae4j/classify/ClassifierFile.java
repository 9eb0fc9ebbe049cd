package org.sae4j.classify;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.BinaryFile;
import org.sae4j.io.FileFormatException;

/**
 * Reads and writes {@link StoredClassifier}s in the sae4j classifier format, version {@value #VERSION},
 * described byte by byte in docs/classifier-format.md: a fixed big-endian header, the class labels, θ as
 * float64 and a CRC32 of everything before it ({@link BinaryFile}). Writing is atomic (see
 * {@link AtomicFiles}); reading checks the size against the header before allocating anything, then the
 * checksum and every field, so it never returns a damaged classifier.
 */
public final class ClassifierFile {
    /** The format version this class reads and writes. */
    public static final int VERSION = 1;

    private static final BinaryFile.Format FORMAT = new BinaryFile.Format("SAE4JSMX", "classifier",
            "a classifier written by sae classify --save", ClassifierFormatException::new);
    private static final int HEADER_SIZE = 76;
    private static final int KIND_RAW = 0;
    private static final int KIND_ENCODER = 1;

    private ClassifierFile() {
    }

    /** Writes {@code stored} to {@code file}, replacing it atomically if it exists. */
    public static void write(Path file, StoredClassifier stored) throws IOException {
        SoftmaxClassifier c = stored.classifier();
        SoftmaxRegression config = c.config();
        int[] labels = c.classLabels();
        double[] theta = c.theta();
        byte[] digest = stored.usesEncoder() ? stored.encoderDigest() : new byte[StoredClassifier.DIGEST_BYTES];
        BinaryFile.write(file, FORMAT, VERSION, data -> {
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
            BinaryFile.writeDoubles(data, theta);
        });
    }

    /**
     * Reads and fully validates a classifier file.
     *
     * @throws ClassifierFormatException if the file is not a complete, intact version-{@value #VERSION}
     *                                   classifier; the message names the field at fault
     */
    public static StoredClassifier read(Path file) throws IOException {
        try (BinaryFile.Input in = BinaryFile.open(file, FORMAT, HEADER_SIZE + BinaryFile.CHECKSUM_SIZE, VERSION)) {
            if (in.size() < HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) {
                throw in.fail("truncated: expected at least " + (HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) + " bytes"
                        + " (header and checksum), got " + in.size());
            }
            int inputs = in.readInt();
            int features = in.readInt();
            int classes = in.readInt();
            requireAtLeast(in, "inputs (offset 12)", inputs, 1);
            requireAtLeast(in, "features (offset 16)", features, 1);
            requireAtLeast(in, "classes (offset 20)", classes, 2);
            long parameters = (long) classes * (features + 1L);
            long expected = HEADER_SIZE + 4L * classes + 8 * parameters + BinaryFile.CHECKSUM_SIZE;
            if (in.size() != expected) {
                throw in.fail((in.size() < expected ? "truncated: " : "") + "expected " + expected + " bytes for "
                        + classes + " classes of " + features + " features, got " + in.size());
            }
            double lambda = in.readDouble();
            double scale = in.readDouble();
            int kind = in.readInt();
            byte[] digest = in.readBytes(StoredClassifier.DIGEST_BYTES, "the encoder's digest");
            int[] labels = new int[classes];
            for (int c = 0; c < classes; c++) {
                labels[c] = in.readInt();
            }
            double[] theta = in.readDoubles(parameters, "theta");
            in.requireChecksum();
            return validated(in, inputs, features, classes, lambda, scale, kind, digest, labels, theta);
        }
    }

    /** The fields, once the checksum says they are what was written, checked one by one. */
    private static StoredClassifier validated(BinaryFile.Input in, int inputs, int features, int classes,
                                              double lambda, double scale, int kind, byte[] digest, int[] labels,
                                              double[] theta) throws FileFormatException {
        if (kind != KIND_RAW && kind != KIND_ENCODER) {
            throw in.fail("feature kind (offset 40) must be " + KIND_RAW + " (raw inputs) or " + KIND_ENCODER
                    + " (autoencoder features), got " + kind);
        }
        for (int c = 0; c < classes; c++) {
            if (labels[c] < 0 || (c > 0 && labels[c] <= labels[c - 1])) {
                throw in.fail("class label " + c + " is " + labels[c] + "; the labels must be >= 0 and increasing");
            }
        }
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw in.fail("theta[" + i + "] is " + theta[i] + "; a classifier's parameters must be finite");
            }
        }
        try {
            SoftmaxClassifier c = new SoftmaxClassifier(new SoftmaxRegression(features, classes, lambda), theta,
                    labels);
            return new StoredClassifier(c, inputs, scale, kind == KIND_ENCODER ? digest : null);
        } catch (IllegalArgumentException e) {
            throw in.fail("invalid classifier: " + e.getMessage());
        }
    }

    private static void requireAtLeast(BinaryFile.Input in, String field, int value, int least)
            throws FileFormatException {
        if (value < least) {
            throw in.fail(field + " must be >= " + least + ", got " + value);
        }
    }
}
