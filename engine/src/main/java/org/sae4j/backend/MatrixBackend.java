package org.sae4j.backend;

/**
 * The matrix products the engine needs, in BLAS conventions: column-major storage, transpose flags,
 * leading dimensions and array offsets (so a block of a larger array is a view, not a copy).
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m × k}, {@code op(B)}
 * is {@code k × n} and {@code C} is {@code m × n}. When {@code beta == 0} the old contents of C are
 * ignored (even NaN), as in BLAS.
 *
 * <p>Implementations must be safe to call from several threads at once on disjoint outputs, and must
 * run each call on the calling thread only: the engine owns the parallelism.
 */
public interface MatrixBackend {

    /** The name this backend is selected by, e.g. {@code java} or {@code native}. */
    String name();

    /** What is in use, for logs and {@code sae info}. */
    BackendInfo info();

    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int offA, int lda,
               double[] b, int offB, int ldb,
               double beta, double[] c, int offC, int ldc);

    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int offA, int lda,
               float[] b, int offB, int ldb,
               float beta, float[] c, int offC, int ldc);
}
