package org.sae4j.nativeblas;

/**
 * The textbook triple loop, in double precision, as the independent expectation for the native
 * products; it also gives, per element, the magnitude {@code |alpha| * sum |a||b| + |beta * c|} that
 * rounding errors scale with.
 */
final class NaiveGemm {

    private NaiveGemm() {
    }

    /** The expected contents of the whole C array, and the error scale for each of its elements. */
    record Expected(double[] c, double[] magnitude) {
    }

    static Expected of(boolean transA, boolean transB, int m, int n, int k,
                       double alpha, double[] a, int offA, int lda,
                       double[] b, int offB, int ldb,
                       double beta, double[] c, int offC, int ldc) {
        double[] expected = c.clone();
        double[] magnitude = new double[c.length];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                double absSum = 0;
                for (int l = 0; l < k; l++) {
                    double aIl = transA ? a[offA + i * lda + l] : a[offA + l * lda + i];
                    double bLj = transB ? b[offB + l * ldb + j] : b[offB + j * ldb + l];
                    sum += aIl * bLj;
                    absSum += Math.abs(aIl * bLj);
                }
                int at = offC + j * ldc + i;
                // BLAS: with beta == 0 the old C is not read, so NaN there must not leak through.
                double old = beta == 0 ? 0 : beta * c[at];
                expected[at] = alpha * sum + old;
                magnitude[at] = Math.abs(alpha) * absSum + Math.abs(old);
            }
        }
        return new Expected(expected, magnitude);
    }

    static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
