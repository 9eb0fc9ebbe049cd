package org.sae4j.backend;

/**
 * Validation of GEMM arguments, shared by every backend so that a bad call fails with a message that
 * names the argument instead of corrupting memory (pure Java) or crashing the JVM (native code).
 */
public final class GemmArguments {
    private GemmArguments() {
    }

    /**
     * Checks dimensions, leading dimensions and that every element the call reads or writes lies inside
     * its array.
     *
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static void check(boolean transA, boolean transB, int m, int n, int k,
                             int aLength, int offA, int lda,
                             int bLength, int offB, int ldb,
                             int cLength, int offC, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("A", aRows, aCols, aLength, offA, lda);
        checkMatrix("B", bRows, bCols, bLength, offB, ldb);
        checkMatrix("C", m, n, cLength, offC, ldc);
    }

    private static void checkMatrix(String name, int rows, int cols, int length, int off, int ld) {
        if (ld < Math.max(1, rows)) {
            throw new IllegalArgumentException("gemm: ld" + name.toLowerCase() + "=" + ld
                    + " must be >= max(1, rows of " + name + ")=" + Math.max(1, rows));
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: offset of " + name + " must be >= 0, got " + off);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (cols - 1) * ld + rows - 1;
        if (last >= length) {
            throw new IllegalArgumentException("gemm: " + name + " (" + rows + "x" + cols + ", offset " + off
                    + ", ld " + ld + ") needs index " + last + " but the array has length " + length);
        }
    }
}
