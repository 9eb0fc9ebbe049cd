package org.sae4j.backend.java;

/**
 * Blocked, packed GEMM on {@code double[]}, column-major, GotoBLAS structure: the {@code k} dimension
 * is cut into slabs of {@link #KC}, {@code op(B)} into column panels of {@link #NC} and {@code op(A)}
 * into row blocks of {@link #MC}; each block is packed into contiguous micro-panels so the
 * {@link #MR}×{@link #NR} register-blocked kernel streams through memory with unit stride whatever the
 * transpose flags and leading dimensions were.
 *
 * <p>Block sizes fit this machine's caches (Zen3: 32 KiB L1d, 512 KiB L2): with 8-byte elements a
 * packed B micro-panel (KC×NR, 8 KiB) stays in L1, the packed A block (MC×KC, 256 KiB) in L2 and the
 * packed B panel in L3.
 *
 * <p>One source of truth for both precisions: the 32-bit version of this class is generated from the
 * 64-bit one by substituting the element type ({@code engine/scripts/gen-float-gemm.sh});
 * {@code GemmSourceDriftTest} fails if the two files drift apart.
 */
final class DoubleGemm {
    static final int MR = 4;
    static final int NR = 4;
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 2048;

    /** Packing buffers, one set per thread, allocated on first use and reused by every later call. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new double[][] {new double[MC * KC], new double[KC * NC], new double[MR * NR]});

    private DoubleGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
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
        double[][] buffers = BUFFERS.get();
        double[] packedA = buffers[0];
        double[] packedB = buffers[1];
        double[] edge = buffers[2];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, kc, nc, b, offB, ldb, pc, jc, packedB);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, mc, kc, a, offA, lda, ic, pc, packedA);
                    macroKernel(mc, nc, kc, alpha, packedA, packedB, c, offC + ic + (long) jc * ldc, ldc, edge);
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

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] as micro-panels of MR rows, each stored p-major, zero padded. */
    private static void packA(boolean transA, int mc, int kc, double[] a, int offA, int lda, int ic, int pc,
                              double[] packed) {
        int dst = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            if (transA) {
                packRowsTransposed(kc, mr, a, offA + pc + (ic + ir) * lda, lda, packed, dst);
            } else {
                packRows(kc, mr, a, offA + ic + ir + pc * lda, lda, packed, dst);
            }
            dst += MR * kc;
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as micro-panels of NR columns, each stored p-major, zero padded. */
    private static void packB(boolean transB, int kc, int nc, double[] b, int offB, int ldb, int pc, int jc,
                              double[] packed) {
        int dst = 0;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            if (transB) {
                packRows(kc, nr, b, offB + jc + jr + pc * ldb, ldb, packed, dst);
            } else {
                packRowsTransposed(kc, nr, b, offB + pc + (jc + jr) * ldb, ldb, packed, dst);
            }
            dst += NR * kc;
        }
    }

    /** Source element (r, p) at src + r + p*ld, r < width: contiguous in r. */
    private static void packRows(int kc, int width, double[] src, int start, int ld, double[] packed, int dst) {
        int w = width == MR ? MR : width;
        for (int p = 0; p < kc; p++) {
            int s = start + p * ld;
            int d = dst + p * MR;
            for (int r = 0; r < w; r++) {
                packed[d + r] = src[s + r];
            }
            for (int r = w; r < MR; r++) {
                packed[d + r] = 0;
            }
        }
    }

    /** Source element (r, p) at src + p + r*ld, r < width: contiguous in p. */
    private static void packRowsTransposed(int kc, int width, double[] src, int start, int ld, double[] packed,
                                           int dst) {
        for (int r = 0; r < MR; r++) {
            if (r < width) {
                int s = start + r * ld;
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR + r] = src[s + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR + r] = 0;
                }
            }
        }
    }

    private static void macroKernel(int mc, int nc, int kc, double alpha, double[] packedA, double[] packedB,
                                    double[] c, long offC, int ldc, double[] edge) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int at = (int) (offC + ir + (long) jr * ldc);
                if (mr == MR && nr == NR) {
                    microKernel(kc, alpha, packedA, ir * kc, packedB, jr * kc, c, at, ldc);
                } else {
                    java.util.Arrays.fill(edge, 0);
                    microKernel(kc, 1, packedA, ir * kc, packedB, jr * kc, edge, 0, MR);
                    for (int j = 0; j < nr; j++) {
                        for (int i = 0; i < mr; i++) {
                            c[at + i + j * ldc] += alpha * edge[i + j * MR];
                        }
                    }
                }
            }
        }
    }

    /** C[MR×NR] += alpha * (packed A micro-panel) * (packed B micro-panel); accumulators in registers. */
    private static void microKernel(int kc, double alpha, double[] pa, int ia, double[] pb, int ib,
                                    double[] c, int offC, int ldc) {
        double c00 = 0, c10 = 0, c20 = 0, c30 = 0;
        double c01 = 0, c11 = 0, c21 = 0, c31 = 0;
        double c02 = 0, c12 = 0, c22 = 0, c32 = 0;
        double c03 = 0, c13 = 0, c23 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            double a0 = pa[ia];
            double a1 = pa[ia + 1];
            double a2 = pa[ia + 2];
            double a3 = pa[ia + 3];
            double b0 = pb[ib];
            double b1 = pb[ib + 1];
            double b2 = pb[ib + 2];
            double b3 = pb[ib + 3];
            c00 = Math.fma(a0, b0, c00);
            c10 = Math.fma(a1, b0, c10);
            c20 = Math.fma(a2, b0, c20);
            c30 = Math.fma(a3, b0, c30);
            c01 = Math.fma(a0, b1, c01);
            c11 = Math.fma(a1, b1, c11);
            c21 = Math.fma(a2, b1, c21);
            c31 = Math.fma(a3, b1, c31);
            c02 = Math.fma(a0, b2, c02);
            c12 = Math.fma(a1, b2, c12);
            c22 = Math.fma(a2, b2, c22);
            c32 = Math.fma(a3, b2, c32);
            c03 = Math.fma(a0, b3, c03);
            c13 = Math.fma(a1, b3, c13);
            c23 = Math.fma(a2, b3, c23);
            c33 = Math.fma(a3, b3, c33);
            ia += MR;
            ib += NR;
        }
        int c0 = offC;
        int c1 = offC + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        c[c0] += alpha * c00;
        c[c0 + 1] += alpha * c10;
        c[c0 + 2] += alpha * c20;
        c[c0 + 3] += alpha * c30;
        c[c1] += alpha * c01;
        c[c1 + 1] += alpha * c11;
        c[c1 + 2] += alpha * c21;
        c[c1 + 3] += alpha * c31;
        c[c2] += alpha * c02;
        c[c2 + 1] += alpha * c12;
        c[c2 + 2] += alpha * c22;
        c[c2 + 3] += alpha * c32;
        c[c3] += alpha * c03;
        c[c3 + 1] += alpha * c13;
        c[c3 + 2] += alpha * c23;
        c[c3 + 3] += alpha * c33;
    }
}
