package org.sae4j.backend.java;

/**
 * A 4×4 register-blocked kernel in plain scalar Java: sixteen accumulators in locals, so C2 keeps
 * them in registers. Runs on any JDK.
 */
final class F32ScalarKernel4x4 implements F32MicroKernel {
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
    public void multiply(int kc, float[] pa, int ia, float[] pb, int ib, float[] tile) {
        float c00 = 0, c10 = 0, c20 = 0, c30 = 0;
        float c01 = 0, c11 = 0, c21 = 0, c31 = 0;
        float c02 = 0, c12 = 0, c22 = 0, c32 = 0;
        float c03 = 0, c13 = 0, c23 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            float a0 = pa[ia];
            float a1 = pa[ia + 1];
            float a2 = pa[ia + 2];
            float a3 = pa[ia + 3];
            float b0 = pb[ib];
            float b1 = pb[ib + 1];
            float b2 = pb[ib + 2];
            float b3 = pb[ib + 3];
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
        tile[0] = c00;
        tile[1] = c10;
        tile[2] = c20;
        tile[3] = c30;
        tile[4] = c01;
        tile[5] = c11;
        tile[6] = c21;
        tile[7] = c31;
        tile[8] = c02;
        tile[9] = c12;
        tile[10] = c22;
        tile[11] = c32;
        tile[12] = c03;
        tile[13] = c13;
        tile[14] = c23;
        tile[15] = c33;
    }

    @Override
    public void writeTile(float[] tile, float alpha, float[] c, int offC, int ldc, boolean accumulate) {
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                int at = offC + i + j * ldc;
                c[at] = accumulate ? Math.fma(alpha, tile[i + 4 * j], c[at]) : alpha * tile[i + 4 * j];
            }
        }
    }
}
