package org.sae4j.backend.java;

/**
 * The innermost GEMM loop: {@code C[rows×columns] = alpha · Â · B̂ (+ C when accumulating)} where Â is a
 * packed micro-panel of {@link #rows()} rows stored p-major over {@code kc}, and B̂ of {@link #columns()}
 * columns is either a packed micro-panel, p-major ({@code bColumn = }{@link #PACKED}), or, when op(B)'s
 * columns are contiguous, B itself read in place with element (p, j) at {@code pb[ib + p + j·bColumn]},
 * which spares packing it. Overwriting instead of accumulating
 * spares a read of C, which for a large output comes from memory.
 */
interface FloatMicroKernel {
    /** The {@code bColumn} that says B̂ is a packed micro-panel. */
    int PACKED = 0;

    int rows();

    int columns();

    /** What this kernel is, for logs and reports. */
    String description();

    void multiplyAdd(int kc, float alpha, float[] pa, int ia, float[] pb, int ib, int bColumn,
                     float[] c, int offC, int ldc, boolean accumulate);
}
