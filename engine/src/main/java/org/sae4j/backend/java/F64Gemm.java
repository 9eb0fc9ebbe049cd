// Generated from F32Gemm.java by engine/scripts/gen-f64-twins.sh; do not edit.
package org.sae4j.backend.java;

/**
 * Blocked, packed GEMM on {@code double[]}, column-major, GotoBLAS structure: the {@code k} dimension
 * is cut into slabs of at most {@code kc}, {@code op(B)} into column panels of at most {@code nc} and
 * {@code op(A)} into row blocks of at most {@code mc} ({@link GemmBlocking}); each block is packed into
 * contiguous micro-panels so the register-blocked micro-kernel ({@link F64MicroKernel}, {@code mr × nr})
 * streams through memory with unit stride whatever the transpose flags and leading dimensions were.
 *
 * <p>With the default blocking and 8-byte (f64) elements a packed B micro-panel (kc×4, 12 KiB) stays in
 * L1, the packed A block (mc×kc, 192 KiB) in L2 and the packed B panel (3 MiB) in L3; f32 halves each.
 * Packing is split into small methods on purpose: one large method collects a JIT profile mixing every
 * transpose case and compiles worse for all of them.
 *
 * <p>One of a pair of twins: the 32-bit classes of this package are the source of both precisions, the
 * 64-bit ones are generated from them ({@code engine/scripts/gen-f64-twins.sh}), and
 * {@code GeneratedTwinsTest} fails if a twin drifts.
 */
final class F64Gemm {
    private final F64MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final GemmBlocking blocking;
    /**
     * Packed panels of A (from {@link #A_START}) and of B (from {@link #bStart}) in one array per
     * thread, allocated on first use and reused by every later call; large enough to be placed on a
     * region boundary, so both panels start on a cache line ({@link HeapLayout}).
     */
    private final ThreadLocal<double[]> panels;
    /** The micro-kernel's output tile, one per thread. */
    private final ThreadLocal<double[]> tiles;
    private static final int A_START = (HeapLayout.CACHE_LINE - HeapLayout.ARRAY_DATA_OFFSET) / Double.BYTES;
    private final int bStart;

    F64Gemm(F64MicroKernel kernel, GemmBlocking blocking) {
        this.kernel = kernel;
        this.mr = kernel.rows();
        this.nr = kernel.columns();
        this.blocking = blocking.fittedTo(mr, nr);
        this.bStart = A_START + this.blocking.mc() * this.blocking.kc();
        int needed = bStart + this.blocking.kc() * this.blocking.nc();
        int length = (int) Math.max(needed, HeapLayout.humongousBytes() / Double.BYTES + 1);
        this.panels = ThreadLocal.withInitial(() -> new double[length]);
        this.tiles = ThreadLocal.withInitial(() -> new double[mr * nr]);
    }

    F64MicroKernel kernel() {
        return kernel;
    }

    GemmBlocking blocking() {
        return blocking;
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double alpha, double[] a, int offA, int lda,
              double[] b, int offB, int ldb,
              double beta, double[] c, int offC, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            scale(m, n, beta, c, offC, ldc);
            return;
        }
        // With beta = 0 the first k slab overwrites C, so C is neither cleared first nor read (as BLAS
        // specifies: whatever C held, NaN included, is ignored).
        boolean overwriteFirst = beta == 0;
        if (!overwriteFirst) {
            scale(m, n, beta, c, offC, ldc);
        }
        double[] packed = panels.get();
        double[] tile = tiles.get();
        // Each dimension is cut into equal blocks no larger than the limit, in whole micro-panels: a
        // short last block (k = 784 as 384 + 384 + 16) would cost a full pass over C for little work.
        int kBlocks = ceilDiv(k, blocking.kc());
        int mUnits = ceilDiv(m, mr);
        int mBlocks = ceilDiv(mUnits, blocking.mc() / mr);
        int nUnits = ceilDiv(n, nr);
        int nBlocks = ceilDiv(nUnits, blocking.nc() / nr);
        for (int jb = 0; jb < nBlocks; jb++) {
            int jc = boundary(nUnits, nBlocks, jb) * nr;
            int nc = Math.min(n, boundary(nUnits, nBlocks, jb + 1) * nr) - jc;
            for (int kb = 0; kb < kBlocks; kb++) {
                int pc = boundary(k, kBlocks, kb);
                int kc = boundary(k, kBlocks, kb + 1) - pc;
                packB(transB, kc, nc, b, offB, ldb, pc, jc, packed);
                for (int ib = 0; ib < mBlocks; ib++) {
                    int ic = boundary(mUnits, mBlocks, ib) * mr;
                    int mc = Math.min(m, boundary(mUnits, mBlocks, ib + 1) * mr) - ic;
                    packA(transA, mc, kc, a, offA, lda, ic, pc, packed);
                    macroKernel(mc, nc, kc, alpha, packed, c, offC + ic + jc * ldc, ldc, tile,
                            kb > 0 || !overwriteFirst);
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** Where block {@code b} of {@code blocks} near-equal blocks of {@code units} starts. */
    private static int boundary(int units, int blocks, int b) {
        return (int) ((long) units * b / blocks);
    }

    private static void scale(int m, int n, double beta, double[] c, int offC, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int j = 0; j < n; j++) {
            int col = offC + j * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, col, col + m, 0);
            } else {
                for (int i = 0; i < m; i++) {
                    c[col + i] *= beta;
                }
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] as micro-panels of mr rows, each stored p-major, zero padded. */
    private void packA(boolean transA, int mc, int kc, double[] a, int offA, int lda, int ic, int pc,
                       double[] packed) {
        if (transA) {
            packAcross(kc, mc, mr, a, offA + pc + ic * lda, lda, packed, A_START);
        } else {
            packAlong(kc, mc, mr, a, offA + ic + pc * lda, lda, packed, A_START);
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as micro-panels of nr columns, each stored p-major, zero padded. */
    private void packB(boolean transB, int kc, int nc, double[] b, int offB, int ldb, int pc, int jc,
                       double[] packed) {
        if (transB) {
            packAlong(kc, nc, nr, b, offB + jc + pc * ldb, ldb, packed, bStart);
        } else {
            packAcross(kc, nc, nr, b, offB + pc + jc * ldb, ldb, packed, bStart);
        }
    }

    /**
     * Source element (r, p) at start + r + p*ld, r < width. Each source column p is read in one
     * sequential run across the whole block and dealt out to the micro-panels: reading one panel at a
     * time instead would touch a new cache line per column, too many streams for the prefetcher.
     */
    private static void packAlong(int kc, int width, int panel, double[] src, int start, int ld, double[] packed,
                                  int dst) {
        int full = width - width % panel;
        int panelSize = panel * kc;
        for (int p = 0; p < kc; p++) {
            int s = start + p * ld;
            int d = dst + p * panel;
            for (int r = 0; r < full; r += panel) {
                copyShort(panel, src, s + r, packed, d);
                d += panelSize;
            }
            for (int q = 0; full < width && q < panel; q++) {
                packed[d + q] = full + q < width ? src[s + full + q] : 0;
            }
        }
    }

    /**
     * Copies one packed row of a micro-panel. The common widths are written out: a loop of 4 to 16
     * iterations gets pre- and post-loops from the JIT that cost more than the copy, and so does
     * System.arraycopy's call.
     */
    private static void copyShort(int length, double[] src, int s, double[] dst, int d) {
        if (length == 8) {
            dst[d] = src[s];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s + 2];
            dst[d + 3] = src[s + 3];
            dst[d + 4] = src[s + 4];
            dst[d + 5] = src[s + 5];
            dst[d + 6] = src[s + 6];
            dst[d + 7] = src[s + 7];
        } else if (length == 4) {
            dst[d] = src[s];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s + 2];
            dst[d + 3] = src[s + 3];
        } else if (length % 8 == 0) {
            for (int q = 0; q < length; q += 8) {
                copyShort(8, src, s + q, dst, d + q);
            }
        } else {
            for (int q = 0; q < length; q++) {
                dst[d + q] = src[s + q];
            }
        }
    }

    /**
     * Source element (r, p) at start + p + r*ld, r < width: each source row is contiguous in p. Writes
     * go in packed order, reading the rows side by side in groups of four (sequential streams the
     * prefetcher follows, and no short inner loop).
     */
    private static void packAcross(int kc, int width, int panel, double[] src, int start, int ld, double[] packed,
                                   int dst) {
        for (int r = 0; r < width; r += panel) {
            packPanelAcross(kc, Math.min(panel, width - r), panel, src, start + r * ld, ld, packed, dst + r * kc);
        }
    }

    /** One micro-panel of {@link #packAcross}: {@code width ≤ panel} source rows, zero padded. */
    private static void packPanelAcross(int kc, int width, int panel, double[] src, int start, int ld,
                                        double[] packed, int dst) {
        int r = 0;
        for (; r + 8 <= width; r += 8) {
            int s0 = start + r * ld;
            int s1 = s0 + ld;
            int s2 = s1 + ld;
            int s3 = s2 + ld;
            int s4 = s3 + ld;
            int s5 = s4 + ld;
            int s6 = s5 + ld;
            int s7 = s6 + ld;
            int d = dst + r;
            for (int p = 0; p < kc; p++) {
                packed[d] = src[s0 + p];
                packed[d + 1] = src[s1 + p];
                packed[d + 2] = src[s2 + p];
                packed[d + 3] = src[s3 + p];
                packed[d + 4] = src[s4 + p];
                packed[d + 5] = src[s5 + p];
                packed[d + 6] = src[s6 + p];
                packed[d + 7] = src[s7 + p];
                d += panel;
            }
        }
        for (; r + 4 <= width; r += 4) {
            int s0 = start + r * ld;
            int s1 = s0 + ld;
            int s2 = s1 + ld;
            int s3 = s2 + ld;
            int d = dst + r;
            for (int p = 0; p < kc; p++) {
                packed[d] = src[s0 + p];
                packed[d + 1] = src[s1 + p];
                packed[d + 2] = src[s2 + p];
                packed[d + 3] = src[s3 + p];
                d += panel;
            }
        }
        for (; r < width; r++) {
            int s = start + r * ld;
            for (int p = 0; p < kc; p++) {
                packed[dst + r + p * panel] = src[s + p];
            }
        }
        for (; r < panel; r++) {
            for (int p = 0; p < kc; p++) {
                packed[dst + r + p * panel] = 0;
            }
        }
    }

    private void macroKernel(int mc, int nc, int kc, double alpha, double[] packed,
                             double[] c, int offC, int ldc, double[] tile, boolean accumulate) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                kernel.multiply(kc, packed, A_START + ir * kc, packed, bStart + jr * kc, tile);
                int at = offC + ir + jr * ldc;
                if (rows == mr && cols == nr) {
                    kernel.writeTile(tile, alpha, c, at, ldc, accumulate);
                } else {
                    writeEdge(tile, rows, cols, alpha, c, at, ldc, accumulate);
                }
            }
        }
    }

    /** The part of a tile that lies inside C, at its right or bottom edge. */
    private void writeEdge(double[] tile, int rows, int cols, double alpha, double[] c, int at, int ldc,
                           boolean accumulate) {
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                int ij = at + i + j * ldc;
                // C is read only when accumulating: with beta = 0 it may hold anything, NaN included
                c[ij] = accumulate ? Math.fma(alpha, tile[i + j * mr], c[ij]) : alpha * tile[i + j * mr];
            }
        }
    }
}
