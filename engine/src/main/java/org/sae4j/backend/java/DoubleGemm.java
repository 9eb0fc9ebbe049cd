package org.sae4j.backend.java;

/**
 * Blocked, packed GEMM on {@code double[]}, column-major, GotoBLAS structure: the {@code k} dimension
 * is cut into slabs of {@link #KC}, {@code op(B)} into column panels of {@link #NC} and {@code op(A)}
 * into row blocks of {@link #MC}; each block is packed into contiguous micro-panels so the
 * register-blocked micro-kernel ({@link DoubleMicroKernel}, {@code mr × nr}) streams through memory
 * with unit stride whatever the transpose flags and leading dimensions were.
 *
 * <p>Block sizes fit this machine's caches (Zen3: 32 KiB L1d, 512 KiB L2): with 8-byte elements a
 * packed B micro-panel (KC×4, 8 KiB) stays in L1, the packed A block (MC×KC, 256 KiB) in L2 and the
 * packed B panel in L3. Packing is split into small methods on purpose: one large method collects a
 * JIT profile mixing every transpose case and compiles worse for all of them.
 *
 * <p>One source of truth for both precisions: the 32-bit version of this class is generated from the
 * 64-bit one by substituting the element type ({@code engine/scripts/gen-float-gemm.sh});
 * {@code GemmSourceDriftTest} fails if the two files drift apart.
 */
final class DoubleGemm {
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 2048;

    private final DoubleMicroKernel kernel;
    private final int mr;
    private final int nr;
    /**
     * Packed panels of A (from {@link #A_START}) and of B (from {@link #bStart}) in one array per
     * thread, allocated on first use and reused by every later call; large enough to be placed on a
     * region boundary, so both panels start on a cache line ({@link HeapLayout}).
     */
    private final ThreadLocal<double[]> panels;
    /** Scratch tile for the edges, one per thread. */
    private final ThreadLocal<double[]> edges;
    private static final int A_START = (HeapLayout.CACHE_LINE - HeapLayout.ARRAY_DATA_OFFSET) / Double.BYTES;
    private final int bStart;

    DoubleGemm(DoubleMicroKernel kernel) {
        this.kernel = kernel;
        this.mr = kernel.rows();
        this.nr = kernel.columns();
        if (MC % mr != 0) {
            throw new IllegalArgumentException("MC=" + MC + " must be a multiple of the kernel's rows " + mr);
        }
        this.bStart = A_START + MC * KC;
        int needed = bStart + KC * (NC + nr);
        int length = (int) Math.max(needed, HeapLayout.humongousBytes() / Double.BYTES + 1);
        this.panels = ThreadLocal.withInitial(() -> new double[length]);
        this.edges = ThreadLocal.withInitial(() -> new double[mr * nr]);
    }

    DoubleMicroKernel kernel() {
        return kernel;
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double alpha, double[] a, int offA, int lda,
              double[] b, int offB, int ldb,
              double beta, double[] c, int offC, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        scale(m, n, beta, c, offC, ldc);
        if (k == 0 || alpha == 0) {
            return;
        }
        double[] packed = panels.get();
        double[] edge = edges.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, kc, nc, b, offB, ldb, pc, jc, packed);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, mc, kc, a, offA, lda, ic, pc, packed);
                    macroKernel(mc, nc, kc, alpha, packed, c, offC + ic + jc * ldc, ldc, edge);
                }
            }
        }
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
        int dst = A_START;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            if (transA) {
                packAcross(kc, rows, mr, a, offA + pc + (ic + ir) * lda, lda, packed, dst);
            } else {
                packAlong(kc, rows, mr, a, offA + ic + ir + pc * lda, lda, packed, dst);
            }
            dst += mr * kc;
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as micro-panels of nr columns, each stored p-major, zero padded. */
    private void packB(boolean transB, int kc, int nc, double[] b, int offB, int ldb, int pc, int jc,
                       double[] packed) {
        int dst = bStart;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            if (transB) {
                packAlong(kc, cols, nr, b, offB + jc + jr + pc * ldb, ldb, packed, dst);
            } else {
                packAcross(kc, cols, nr, b, offB + pc + (jc + jr) * ldb, ldb, packed, dst);
            }
            dst += nr * kc;
        }
    }

    /** Source element (r, p) at start + r + p*ld, r < width: each packed row of the panel is a copy. */
    private static void packAlong(int kc, int width, int panel, double[] src, int start, int ld, double[] packed,
                                  int dst) {
        if (width == panel) {
            for (int p = 0; p < kc; p++) {
                int s = start + p * ld;
                int d = dst + p * panel;
                // A plain loop, not System.arraycopy: for 4 to 16 elements the call costs more than the copy.
                for (int r = 0; r < panel; r++) {
                    packed[d + r] = src[s + r];
                }
            }
            return;
        }
        for (int p = 0; p < kc; p++) {
            int s = start + p * ld;
            int d = dst + p * panel;
            for (int r = 0; r < width; r++) {
                packed[d + r] = src[s + r];
            }
            for (int r = width; r < panel; r++) {
                packed[d + r] = 0;
            }
        }
    }

    /**
     * Source element (r, p) at start + p + r*ld, r < width: each source row is contiguous in p. Writes
     * go in packed order, reading the rows side by side (sequential streams the prefetcher follows).
     */
    private static void packAcross(int kc, int width, int panel, double[] src, int start, int ld, double[] packed,
                                   int dst) {
        for (int p = 0; p < kc; p++) {
            int d = dst + p * panel;
            int s = start + p;
            for (int r = 0; r < width; r++) {
                packed[d + r] = src[s + r * ld];
            }
            for (int r = width; r < panel; r++) {
                packed[d + r] = 0;
            }
        }
    }

    private void macroKernel(int mc, int nc, int kc, double alpha, double[] packed,
                             double[] c, int offC, int ldc, double[] edge) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int at = offC + ir + jr * ldc;
                if (rows == mr && cols == nr) {
                    kernel.multiplyAdd(kc, alpha, packed, A_START + ir * kc, packed, bStart + jr * kc, c, at, ldc);
                } else {
                    java.util.Arrays.fill(edge, 0);
                    kernel.multiplyAdd(kc, 1, packed, A_START + ir * kc, packed, bStart + jr * kc, edge, 0, mr);
                    for (int j = 0; j < cols; j++) {
                        for (int i = 0; i < rows; i++) {
                            c[at + i + j * ldc] += alpha * edge[i + j * mr];
                        }
                    }
                }
            }
        }
    }
}
