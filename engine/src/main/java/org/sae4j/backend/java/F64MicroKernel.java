// Generated from F32MicroKernel.java by engine/scripts/gen-f64-twins.sh; do not edit.
package org.sae4j.backend.java;

/**
 * The innermost GEMM loop: {@code tile = Â · B̂} where Â is a packed micro-panel of {@link #rows()} rows
 * and B̂ one of {@link #columns()} columns, both stored p-major over {@code kc}; the tile is
 * rows × columns, column-major with leading dimension rows. The GEMM scales the tile by α into C: a kernel
 * that also read and wrote C would carry two epilogues (accumulating and overwriting), and the JIT then
 * compiled the wide vector kernels without their intrinsics for some call profiles, boxing vectors.
 */
interface F64MicroKernel {
    int rows();

    int columns();

    /** What this kernel is, for logs and reports. */
    String description();

    void multiply(int kc, double[] pa, int ia, double[] pb, int ib, double[] tile);

    /**
     * A whole tile into C: {@code C = alpha · tile}, or {@code C += alpha · tile} when accumulating (C is
     * not read otherwise: with beta = 0 it may hold anything, NaN included).
     */
    void writeTile(double[] tile, double alpha, double[] c, int offC, int ldc, boolean accumulate);
}
