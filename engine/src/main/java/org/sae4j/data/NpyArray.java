package org.sae4j.data;

/**
 * An NPY array of any rank, converted to doubles.
 *
 * @param dtype        the NumPy {@code descr} of the file, e.g. {@code <f4}
 * @param fortranOrder whether the file stored the data in Fortran order
 *                     ({@link #values()} are in C order either way)
 * @param shape        the dimensions; empty for a scalar
 * @param values       all elements in C (row-major) order: the last index varies fastest
 */
public record NpyArray(String dtype, boolean fortranOrder, int[] shape, double[] values) {

    public NpyArray {
        NpyHeader.requireValues(shape, values.length);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The element at the given indices (one per dimension). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("array of rank " + shape.length + " needs " + shape.length
                    + " indices, got " + index.length);
        }
        int flat = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new IndexOutOfBoundsException("index " + index[k] + " of dimension " + k + " outside [0, "
                        + shape[k] + ")");
            }
            flat = flat * shape[k] + index[k];
        }
        return values[flat];
    }
}
