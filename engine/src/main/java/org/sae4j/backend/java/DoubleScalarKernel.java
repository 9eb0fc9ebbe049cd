package org.sae4j.backend.java;

/**
 * A 4×4 register-blocked kernel in plain scalar Java: sixteen accumulators in locals, so C2 keeps
 * them in registers. Runs on any JDK.
 */
final class DoubleScalarKernel implements DoubleMicroKernel {
    @Override
    public int rows() {
        return 4;
    }

    @Override
    public int columns() {
        return 4;
    }

    @Override
    public String description() {
        return "scalar 4x4";
    }

    @Override
    public void multiplyAdd(int kc, double alpha, double[] pa, int ia, double[] pb, int ib,
                            double[] c, int offC, int ldc,
                            boolean accumulate) {
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
            ia += 4;
            ib += 4;
        }
        int c0 = offC;
        int c1 = offC + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        put(c, c0, alpha * c00, accumulate);
        put(c, c0 + 1, alpha * c10, accumulate);
        put(c, c0 + 2, alpha * c20, accumulate);
        put(c, c0 + 3, alpha * c30, accumulate);
        put(c, c1, alpha * c01, accumulate);
        put(c, c1 + 1, alpha * c11, accumulate);
        put(c, c1 + 2, alpha * c21, accumulate);
        put(c, c1 + 3, alpha * c31, accumulate);
        put(c, c2, alpha * c02, accumulate);
        put(c, c2 + 1, alpha * c12, accumulate);
        put(c, c2 + 2, alpha * c22, accumulate);
        put(c, c2 + 3, alpha * c32, accumulate);
        put(c, c3, alpha * c03, accumulate);
        put(c, c3 + 1, alpha * c13, accumulate);
        put(c, c3 + 2, alpha * c23, accumulate);
        put(c, c3 + 3, alpha * c33, accumulate);
    }

    /** C[at] = value, or C[at] + value when accumulating (C is not read otherwise: it may hold NaN). */
    private static void put(double[] c, int at, double value, boolean accumulate) {
        c[at] = accumulate ? c[at] + value : value;
    }
}
