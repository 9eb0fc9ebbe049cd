package org.sae4j.backend.java;

/**
 * The innermost GEMM loop: {@code C[rows×columns] = alpha · Â · B̂ (+ C when accumulating)} where Â is a
 * packed micro-panel of {@link #rows()} rows and B̂ one of {@link #columns()} columns, both stored p-major
 * over {@code kc}. Overwriting instead of accumulating spares a read of C, which for a large output
 * comes from memory.
 */
interface DoubleMicroKernel {
    int rows();

    int columns();

    /** What this kernel is, for logs and reports. */
    String description();

    void multiplyAdd(int kc, double alpha, double[] pa, int ia, double[] pb, int ib, double[] c, int offC, int ldc,
                     boolean accumulate);
}
