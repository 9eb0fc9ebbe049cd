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

    /** Samples and their labels, e.g. a CSV table split by {@link #takeColumn}. */
    public record Labelled(Dataset samples, int[] labels) {
        /** @throws IllegalArgumentException if there are not as many labels as samples */
        public Labelled {
            if (labels.length != samples.samples()) {
                throw new IllegalArgumentException(labels.length + " labels for " + samples.samples() + " samples");
            }
        }

        /** The samples at {@code indices}, in that order, copied onto the heap in their stored type. */
        public Labelled subset(int[] indices) {
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                y[i] = labels[indices[i]];
            }
            return new Labelled(samples.select(indices), y);
        }

        /** The indices of the samples whose label {@code keep} accepts, in order. */
        public int[] indicesWhere(java.util.function.IntPredicate keep) {
            return java.util.stream.IntStream.range(0, labels.length).filter(i -> keep.test(labels[i])).toArray();
        }

        /**
         * The sample indices in an order shuffled by {@code seed} (Fisher–Yates on SplittableRandom): the
         * same seed gives the same order on every machine and Java version.
         */
        public int[] shuffledIndices(long seed) {
            int[] order = java.util.stream.IntStream.range(0, labels.length).toArray();
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return order;
        }
    }

    /**
     * Splits one column off a table read from {@code file}: that column becomes the labels, the others
     * the samples' values, in their order.
     *
     * @param column the labels' column, counting from 0
     * @throws DataFileException naming the file and the sample when the column does not exist, would leave
     *                           no values, or holds a value that is negative or not a whole number
     */
    public static Labelled takeColumn(Dataset table, int column, Path file) throws DataFileException {
        int width = table.features();
        if (column < 0 || column >= width) {
            throw new DataFileException(file + ": label column " + column + " does not exist; its rows have "
                    + width + " columns, numbered 0 to " + (width - 1));
        }
        if (width == 1) {
            throw new DataFileException(file + ": the label column is its only column, which leaves no values");
        }
        int m = table.samples();
        int[] labels = new int[m];
        double[] values = new double[(width - 1) * m];
        int next = 0;
        for (int s = 0; s < m; s++) {
            for (int j = 0; j < width; j++) {
                double v = table.get(j, s);
                if (j != column) {
                    values[next++] = v;
                } else {
                    labels[s] = label(file, "sample " + s + ", column " + column, v);
                }
            }
        }
        return new Labelled(Dataset.ofDoubles(width - 1, m, values), labels);
    }

    private static int label(Path file, String where, double v) throws DataFileException {
        if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new DataFileException(file + ": " + where + " is " + v + "; labels must be whole numbers >= 0");
        }
        return (int) v;
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
            labels[i] = label(file, "label " + i, values[i]);
        }
        return labels;
    }
}
