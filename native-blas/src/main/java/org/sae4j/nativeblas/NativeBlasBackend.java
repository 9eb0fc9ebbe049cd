package org.sae4j.nativeblas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.reflect.Array;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.GemmArguments;
import org.sae4j.backend.MatrixBackend;

/**
 * GEMM through the system BLAS (usually OpenBLAS), called via {@code dev.ludovic.netlib}'s JNI
 * binding, which passes the Java arrays to native code without copying them.
 *
 * <p>Arguments are checked in Java first: native code does not throw on bad input, it corrupts memory.
 * Obtain instances through {@link org.sae4j.backend.MatrixBackends#get(String)} with {@code native}.
 */
public final class NativeBlasBackend implements MatrixBackend {

    private final NativeBLAS blas;
    private final BackendInfo info;

    NativeBlasBackend(NativeBLAS blas, BackendInfo info) {
        this.blas = blas;
        this.info = info;
    }

    @Override
    public String name() {
        return NativeBlasProvider.NAME;
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int offA, int lda,
                      double[] b, int offB, int ldb,
                      double beta, double[] c, int offC, int ldc) {
        if (!needsBlas("dgemm", transA, transB, m, n, k, a, offA, lda, b, offB, ldb, c, offC, ldc)) {
            scale(beta, c, offC, ldc, m, n); // C is empty, or k = 0 and C = β·C
            return;
        }
        blas.dgemm(flag(transA), flag(transB), m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int offA, int lda,
                      float[] b, int offB, int ldb,
                      float beta, float[] c, int offC, int ldc) {
        if (!needsBlas("sgemm", transA, transB, m, n, k, a, offA, lda, b, offB, ldb, c, offC, ldc)) {
            scale(beta, c, offC, ldc, m, n); // C is empty, or k = 0 and C = β·C
            return;
        }
        blas.sgemm(flag(transA), flag(transB), m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    /**
     * Checks the arguments in Java (native code does not throw on bad input, it corrupts memory) and
     * says whether BLAS has a product to run: not when C is empty, nor when k = 0, which netlib's bounds
     * check rejects and where the result is β·C.
     */
    private static boolean needsBlas(String op, boolean transA, boolean transB, int m, int n, int k,
                                     Object a, int offA, int lda, Object b, int offB, int ldb,
                                     Object c, int offC, int ldc) {
        if (a == null || b == null || c == null) {
            // the message is built only here: this check runs for every product, and must not allocate
            throw new NullPointerException(op + ": array " + (a == null ? "a" : b == null ? "b" : "c") + " is null");
        }
        GemmArguments.check(transA, transB, m, n, k, Array.getLength(a), offA, lda, Array.getLength(b), offB, ldb,
                Array.getLength(c), offC, ldc);
        return m > 0 && n > 0 && k > 0;
    }

    private static String flag(boolean transpose) {
        return transpose ? "T" : "N";
    }

    /** {@code C = beta * C}, where {@code beta == 0} clears C even if it holds NaN. */
    private static void scale(double beta, double[] c, int offC, int ldc, int m, int n) {
        for (int j = 0; j < n; j++) {
            int col = offC + j * ldc;
            for (int i = col; i < col + m; i++) {
                c[i] = beta == 0 ? 0 : beta * c[i];
            }
        }
    }

    private static void scale(float beta, float[] c, int offC, int ldc, int m, int n) {
        for (int j = 0; j < n; j++) {
            int col = offC + j * ldc;
            for (int i = col; i < col + m; i++) {
                c[i] = beta == 0 ? 0 : beta * c[i];
            }
        }
    }
}
