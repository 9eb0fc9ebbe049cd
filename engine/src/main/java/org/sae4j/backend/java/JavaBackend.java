package org.sae4j.backend.java;

import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.GemmArguments;
import org.sae4j.backend.MatrixBackend;

/** Pure-Java backend: blocked, packed GEMM with a register-blocked kernel; runs on any JDK 17+. */
public final class JavaBackend implements MatrixBackend {
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo(NAME, getClass().getName(),
                "scalar blocked " + DoubleGemm.MR + "x" + DoubleGemm.NR, null, 1);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int offA, int lda,
                      double[] b, int offB, int ldb,
                      double beta, double[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        DoubleGemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int offA, int lda,
                      float[] b, int offB, int ldb,
                      float beta, float[] c, int offC, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a.length, offA, lda, b.length, offB, ldb, c.length, offC, ldc);
        FloatGemm.gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }
}
