package org.sae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads class labels, one non-negative integer per sample: an IDX label file (MNIST, Fashion-MNIST; plain
 * or gzip) or a 1-D NPY array of integers (any integer dtype, or floats holding whole numbers), told apart
 * by their content.
 */
public final class Labels {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Labels() {
    }

    /**
     * @throws DataFileException naming the file, and the label where one is wrong: not a label file, a
     *                           shape other than 1-D, a value that is negative or not a whole number
     */
    public static int[] read(Path file) throws IOException {
        DataFiles.requireFile(file);
        byte[] start = new byte[NPY_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        }
        if (n == NPY_MAGIC.length && java.util.Arrays.equals(start, NPY_MAGIC)) {
            return fromNpy(file);
        }
        return IdxReader.readLabels(file);
    }

    private static int[] fromNpy(Path file) throws IOException {
        NpyArray a = NpyReader.read(file);
        if (a.rank() != 1) {
            throw new DataFileException(file + ": labels must be a 1-D array, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        double[] values = a.values();
        if (values.length == 0) {
            throw new DataFileException(file + ": no labels");
        }
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw new DataFileException(file + ": label " + i + " is " + v + "; labels must be whole numbers"
                        + " >= 0");
            }
            labels[i] = (int) v;
        }
        return labels;
    }
}
