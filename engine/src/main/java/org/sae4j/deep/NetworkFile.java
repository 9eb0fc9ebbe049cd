package org.sae4j.deep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sae4j.io.BinaryFile;
import org.sae4j.io.FileFormatException;
import org.sae4j.precision.Precision;

/**
 * Reads and writes {@link StoredNetwork}s in the sae4j network format, version {@value #VERSION},
 * described byte by byte in docs/network-format.md: a fixed big-endian header, the layer widths, the
 * class labels, θ as float64 and a CRC32 of everything before it ({@link BinaryFile}). Writing is atomic;
 * reading checks the file's size against what the header claims before it allocates anything, then the
 * checksum and every field, so it never returns a damaged network.
 */
public final class NetworkFile {
    /** The format version this class reads and writes. */
    public static final int VERSION = 1;
    /** Its first eight bytes, by which a command tells a network from a model or a classifier. */
    public static final String MAGIC = "SAE4JDNN";

    private static final BinaryFile.Format FORMAT = new BinaryFile.Format(MAGIC, "network",
            "a network written by sae deep", NetworkFormatException::new);
    /** Magic, version, inputs, depth, classes, lambda, input scale, precision, fine-tuned. */
    private static final int HEADER_SIZE = 48;

    private NetworkFile() {
    }

    /** Whether {@code file} starts as a network file does (a command then reads it as one, not as a model). */
    public static boolean holdsNetwork(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        byte[] start = new byte[magic.length];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, start.length) == start.length && Arrays.equals(start, magic);
        }
    }

    /** Writes {@code stored} to {@code file}, replacing it atomically if it exists. */
    public static void write(Path file, StoredNetwork stored) throws IOException {
        DeepNetwork network = stored.network();
        StackedNetwork shape = network.network();
        int[] widths = shape.widths();
        int[] labels = network.classLabels();
        double[] theta = network.theta();
        BinaryFile.write(file, FORMAT, VERSION, data -> {
            data.writeInt(shape.inputs());
            data.writeInt(widths.length);
            data.writeInt(shape.classes());
            data.writeDouble(shape.lambda());
            data.writeDouble(stored.inputScale());
            data.writeInt(stored.precision() == Precision.F64 ? 64 : 32);
            data.writeInt(stored.fineTuned() ? 1 : 0);
            for (int w : widths) {
                data.writeInt(w);
            }
            for (int label : labels) {
                data.writeInt(label);
            }
            BinaryFile.writeDoubles(data, theta);
        });
    }

    /**
     * Reads and fully validates a network file.
     *
     * @throws NetworkFormatException if the file is not a complete, intact version-{@value #VERSION} network;
     *                                the message names the field at fault
     */
    public static StoredNetwork read(Path file) throws IOException {
        try (BinaryFile.Input in = BinaryFile.open(file, FORMAT, HEADER_SIZE + BinaryFile.CHECKSUM_SIZE, VERSION)) {
            if (in.size() < HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) {
                throw in.fail("truncated: expected at least " + (HEADER_SIZE + BinaryFile.CHECKSUM_SIZE) + " bytes"
                        + " (header and checksum), got " + in.size());
            }
            int inputs = in.readInt();
            int depth = in.readInt();
            int classes = in.readInt();
            requireAtLeast(in, "inputs (offset 12)", inputs, 1);
            requireAtLeast(in, "layers (offset 16)", depth, 1);
            requireAtLeast(in, "classes (offset 20)", classes, 2);
            double lambda = in.readDouble();
            double scale = in.readDouble();
            int bits = in.readInt();
            int fineTuned = in.readInt();
            if ((long) depth * 4 > in.left()) {
                throw in.fail("layers (offset 16) is " + depth + ", more than the " + in.left() + " bytes left can hold");
            }
            int[] widths = new int[depth];
            long parameters = 0;
            long below = inputs;
            for (int l = 0; l < depth; l++) {
                widths[l] = in.readInt();
                requireAtLeast(in, "the width of layer " + (l + 1), widths[l], 1);
                parameters += widths[l] * (below + 1);
                below = widths[l];
                requireArraySize(in, parameters);
            }
            parameters += classes * (below + 1);
            requireArraySize(in, parameters);
            long expected = HEADER_SIZE + 4L * depth + 4L * classes + 8 * parameters + BinaryFile.CHECKSUM_SIZE;
            if (in.size() != expected) {
                throw in.fail((in.size() < expected ? "truncated: " : "") + "expected " + expected + " bytes for "
                        + depth + " layers and " + classes + " classes of these widths, got " + in.size());
            }
            int[] labels = new int[classes];
            for (int c = 0; c < classes; c++) {
                labels[c] = in.readInt();
            }
            double[] theta = in.readDoubles(parameters, "theta");
            in.requireChecksum();
            if (bits != 64 && bits != 32) {
                throw in.fail("precision (offset 40) must be 64 or 32, got " + bits);
            }
            if (fineTuned != 0 && fineTuned != 1) {
                throw in.fail("fine-tuned (offset 44) must be 0 or 1, got " + fineTuned);
            }
            if (!(scale != 0 && Double.isFinite(scale))) {
                throw in.fail("input scale (offset 32) must be finite and not 0, got " + scale);
            }
            try {
                DeepNetwork network = new DeepNetwork(new StackedNetwork(inputs, widths, classes, lambda), theta, labels);
                return new StoredNetwork(network, scale, bits == 64 ? Precision.F64 : Precision.F32, fineTuned == 1);
            } catch (IllegalArgumentException e) {
                throw in.fail("invalid network: " + e.getMessage());
            }
        }
    }

    /** Refused before the sum of the layers' sizes can overflow, and before the size check. */
    private static void requireArraySize(BinaryFile.Input in, long parameters) throws FileFormatException {
        if (parameters > Integer.MAX_VALUE - 8) {
            throw in.fail("the widths give more than " + (Integer.MAX_VALUE - 8) + " parameters, more than a network"
                    + " can hold; the file is corrupt");
        }
    }

    private static void requireAtLeast(BinaryFile.Input in, String field, int value, int least)
            throws FileFormatException {
        if (value < least) {
            throw in.fail(field + " must be >= " + least + ", got " + value);
        }
    }
}
