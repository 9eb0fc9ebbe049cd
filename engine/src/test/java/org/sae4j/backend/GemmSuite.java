package org.sae4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The GEMM contract every backend must meet, against a naive triple loop evaluated in double. Each
 * backend's test class extends this and supplies {@link #backend()}.
 *
 * <p>Tolerance per element is the textbook forward-error bound of a dot product,
 * {@code |c - ref| <= 2 k u S + |beta c0| u} with {@code S = |alpha| sum_p |a_ip b_pj|} and u the unit
 * round-off of the precision (2^-53 for f64, 2^-24 for f32), times a safety factor of 4: any real
 * indexing or transpose bug is many orders of magnitude larger.
 */
public abstract class GemmSuite {

    protected abstract MatrixBackend backend();

    record Case(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
                int padA, int padB, int padC, int offset) {
        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k
                    + " alpha=" + alpha + " beta=" + beta + " pads=" + padA + "/" + padB + "/" + padC + " off=" + offset;
        }
    }

    static Stream<Case> cases() {
        int[][] shapes = {
            {1, 1, 1}, {7, 5, 3}, {4, 4, 4}, {5, 9, 1}, {33, 17, 65}, {1, 40, 9}, {40, 1, 9},
            {100, 37, 260}, {130, 6, 33}, {3, 2050, 5}, {25, 64, 300}, {64, 25, 129},
            // Several k slabs, row blocks and column panels of the blocked Java GEMM, with ragged edges.
            {70, 30, 800}, {9, 13, 1000}, {150, 1030, 7},
        };
        double[][] alphaBeta = {{1, 0}, {1, 1}, {-0.75, 0.5}};
        List<Case> list = new ArrayList<>();
        int variant = 0;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                double[] ab = alphaBeta[variant % alphaBeta.length];
                int pad = variant % 3;
                list.add(new Case((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1],
                        pad, (pad + 1) % 3, (pad + 2) % 3, 3 * (variant % 2)));
                variant++;
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "f64 {0}")
    @MethodSource("cases")
    void dgemmMatchesNaiveReference(Case c) {
        run(c, false);
    }

    @ParameterizedTest(name = "f32 {0}")
    @MethodSource("cases")
    void sgemmMatchesNaiveReference(Case c) {
        run(c, true);
    }

    private void run(Case c, boolean single) {
        SplittableRandom rnd = new SplittableRandom(31L * c.m() + 7L * c.n() + c.k() + (c.transA() ? 1 : 0));
        int aRows = c.transA() ? c.k() : c.m();
        int aCols = c.transA() ? c.m() : c.k();
        int bRows = c.transB() ? c.n() : c.k();
        int bCols = c.transB() ? c.k() : c.n();
        int lda = aRows + c.padA();
        int ldb = bRows + c.padB();
        int ldc = c.m() + c.padC();
        double[] a = random(rnd, c.offset() + lda * aCols, single);
        double[] b = random(rnd, c.offset() + ldb * bCols, single);
        double[] c0 = random(rnd, c.offset() + ldc * c.n(), single);
        if (c.beta() == 0) {
            // BLAS semantics: beta == 0 means C is not read, so garbage must not leak into the result.
            for (int j = 0; j < c.n(); j++) {
                c0[c.offset() + j * ldc] = Double.NaN;
            }
        }
        double[] result;
        if (single) {
            float[] cf = toFloat(c0);
            backend().sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), (float) c.alpha(),
                    toFloat(a), c.offset(), lda, toFloat(b), c.offset(), ldb, (float) c.beta(), cf, c.offset(), ldc);
            result = toDouble(cf);
        } else {
            result = c0.clone();
            backend().dgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.alpha(),
                    a, c.offset(), lda, b, c.offset(), ldb, c.beta(), result, c.offset(), ldc);
        }
        double u = single ? 0x1p-24 : 0x1p-53;
        for (int j = 0; j < c.n(); j++) {
            for (int i = 0; i < c.m(); i++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < c.k(); p++) {
                    double x = c.transA() ? a[c.offset() + p + i * lda] : a[c.offset() + i + p * lda];
                    double y = c.transB() ? b[c.offset() + j + p * ldb] : b[c.offset() + p + j * ldb];
                    sum += x * y;
                    abs += Math.abs(x * y);
                }
                int at = c.offset() + i + j * ldc;
                double old = c.beta() == 0 ? 0 : c0[at];
                double expected = c.alpha() * sum + c.beta() * old;
                double tol = 4 * (2 * c.k() * u * Math.abs(c.alpha()) * abs + Math.abs(c.beta() * old) * u + u * Math.abs(expected));
                if (!(Math.abs(result[at] - expected) <= tol)) {
                    fail(c + ": C(" + i + "," + j + ") = " + result[at] + ", expected " + expected + " +- " + tol);
                }
            }
        }
        // Elements outside the m x n view (offset prefix, ld padding) must be untouched.
        for (int idx = 0; idx < result.length; idx++) {
            int rel = idx - c.offset();
            boolean inside = rel >= 0 && rel % ldc < c.m() && rel / ldc < c.n();
            if (!inside) {
                double before = single ? (float) c0[idx] : c0[idx];
                assertEquals(Double.doubleToRawLongBits(before), Double.doubleToRawLongBits(result[idx]),
                        c + ": element " + idx + " outside C was modified");
            }
        }
    }

    @Test
    void zeroSizedProductsDoNothing() {
        double[] c = {5};
        backend().dgemm(false, false, 1, 1, 0, 1, new double[1], 0, 1, new double[1], 0, 1, 1, c, 0, 1);
        assertEquals(5, c[0]);
        backend().dgemm(false, false, 1, 1, 0, 1, new double[1], 0, 1, new double[1], 0, 1, 0, c, 0, 1);
        assertEquals(0, c[0], "k = 0 with beta = 0 gives C = 0");
    }

    @Test
    void outOfBoundsViewIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend().dgemm(
                false, false, 3, 3, 3, 1, new double[8], 0, 3, new double[9], 0, 3, 0, new double[9], 0, 3));
        assertTrue(e.getMessage().contains("A"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend().sgemm(
                false, false, 3, 3, 3, 1, new float[9], 0, 2, new float[9], 0, 3, 0, new float[9], 0, 3));
        assertTrue(e.getMessage().contains("lda"), e.getMessage());
    }

    private static double[] random(SplittableRandom rnd, int n, boolean single) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = rnd.nextDouble(-1, 1);
            x[i] = single ? (float) v : v;
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
