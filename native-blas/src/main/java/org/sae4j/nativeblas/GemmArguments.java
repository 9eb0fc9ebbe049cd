package org.sae4j.nativeblas;

/**
 * Checks GEMM arguments in Java before they reach native code, where a bad dimension, leading
 * dimension or offset does not throw but reads or writes outside the array and can crash the JVM.
 */
final class GemmArguments {

    private GemmArguments() {
    }

    /**
     * Throws {@link IllegalArgumentException} naming the routine and the offending argument unless
     * {@code C = alpha * op(A) * op(B) + beta * C} stays inside the three arrays.
     */
    static void check(String routine, boolean transA, boolean transB, int m, int n, int k,
                      int aLength, int offA, int lda, int bLength, int offB, int ldb,
                      int cLength, int offC, int ldc) {
        requireNonNegative(routine, "m", m);
        requireNonNegative(routine, "n", n);
        requireNonNegative(routine, "k", k);
        // As stored, A is rows x cols with op(A) = m x k; likewise B with op(B) = k x n.
        checkMatrix(routine, "A", transA ? k : m, transA ? m : k, aLength, offA, lda,
                transA ? "transA=true, so A is k x m" : "transA=false, so A is m x k");
        checkMatrix(routine, "B", transB ? n : k, transB ? k : n, bLength, offB, ldb,
                transB ? "transB=true, so B is n x k" : "transB=false, so B is k x n");
        checkMatrix(routine, "C", m, n, cLength, offC, ldc, "C is m x n");
    }

    private static void requireNonNegative(String routine, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(routine + ": " + name + " = " + value + ", expected >= 0");
        }
    }

    private static void checkMatrix(String routine, String name, int rows, int cols, int length,
                                    int offset, int ld, String layout) {
        if (ld < Math.max(1, rows)) {
            throw new IllegalArgumentException(routine + ": ld" + name + " = " + ld + ", expected >= max(1, "
                    + rows + ") because " + layout + " (" + rows + " x " + cols + ")");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(routine + ": off" + name + " = " + offset + ", expected >= 0");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long lastIndex = offset + (long) (cols - 1) * ld + rows - 1;
        if (lastIndex >= length) {
            throw new IllegalArgumentException(routine + ": " + name + " (" + rows + " x " + cols + ", off" + name
                    + " = " + offset + ", ld" + name + " = " + ld + ") reaches index " + lastIndex
                    + " but the array has length " + length + "; " + layout);
        }
    }
}
