package org.sae4j.model;

/**
 * A read-only column-major view of part of an array: element (i, j) is
 * {@code data[offset + i + j * rows]}. Used to expose W1, b1, W2, b2 inside θ without copying.
 */
public final class MatrixView {
    private final double[] data;
    private final int offset;
    private final int rows;
    private final int cols;

    private MatrixView(double[] data, int offset, int rows, int cols) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * The {@code rows × cols} matrix stored column-major in {@code data} from {@code offset}; the array
     * is shared, not copied.
     *
     * @throws IllegalArgumentException if the matrix does not fit in the array
     */
    public static MatrixView of(double[] data, int offset, int rows, int cols) {
        if (rows < 0 || cols < 0 || offset < 0 || (long) offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix from offset " + offset
                    + " does not fit in an array of " + data.length);
        }
        return new MatrixView(data, offset, rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + "x" + cols);
        }
        return data[offset + i + j * rows];
    }

    /** Row {@code i} as a new array (for W1, the filter of hidden unit i). */
    public double[] row(int i) {
        double[] r = new double[cols];
        for (int j = 0; j < cols; j++) {
            r[j] = get(i, j);
        }
        return r;
    }

    /** A column-major copy of the whole matrix. */
    public double[] toArray() {
        double[] copy = new double[rows * cols];
        System.arraycopy(data, offset, copy, 0, copy.length);
        return copy;
    }
}
