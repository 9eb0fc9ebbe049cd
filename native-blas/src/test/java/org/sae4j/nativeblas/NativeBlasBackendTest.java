package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;

class NativeBlasBackendTest {

    private static final int[] SIZES = {1, 7, 33, 100};
    /** alpha, beta; beta == 0 runs with C full of NaN, which must be ignored. */
    private static final double[][] SCALARS = {{1, 0}, {-0.75, 1.5}, {2.5, 1}, {0, -2}};
    private static final Layout TIGHT = new Layout(0, 0, 0, 0, 0, 0, 0);
    private static final Layout PADDED = new Layout(3, 2, 5, 4, 2, 3, 4);
    private static final double F64_UNIT_ROUNDOFF = Math.ulp(1.0) / 2;
    private static final double F32_UNIT_ROUNDOFF = Math.ulp(1.0f) / 2;

    private static MatrixBackend backend;

    /** Offsets and extra rows beyond each matrix's own rows (ld = rows + pad), and spare elements at the end. */
    private record Layout(int offA, int padA, int offB, int padB, int offC, int padC, int tail) {
    }

    /** Shape, storage and scalars of one product; A is stored rowsA x colsA, B rowsB x colsB. */
    private record Case(boolean transA, boolean transB, int m, int n, int k, Layout layout, double alpha, double beta) {
        int rowsA() {
            return transA ? k : m;
        }

        int colsA() {
            return transA ? m : k;
        }

        int rowsB() {
            return transB ? n : k;
        }

        int colsB() {
            return transB ? k : n;
        }

        int lda() {
            return Math.max(1, rowsA()) + layout.padA;
        }

        int ldb() {
            return Math.max(1, rowsB()) + layout.padB;
        }

        int ldc() {
            return Math.max(1, m) + layout.padC;
        }

        int lengthA() {
            return layout.offA + colsA() * lda() + layout.tail;
        }

        int lengthB() {
            return layout.offB + colsB() * ldb() + layout.tail;
        }

        int lengthC() {
            return layout.offC + n * ldc() + layout.tail;
        }

        boolean[] window() {
            boolean[] inC = new boolean[lengthC()];
            for (int j = 0; j < n; j++) {
                Arrays.fill(inC, layout.offC + j * ldc(), layout.offC + j * ldc() + m, true);
            }
            return inC;
        }

        @Override
        public String toString() {
            return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                    + (layout == TIGHT ? " tight" : " padded") + " alpha=" + alpha + " beta=" + beta;
        }
    }

    @BeforeAll
    static void loadNative() {
        NativeRequired.assumeNativeBlas();
        backend = MatrixBackends.get("native");
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true),
                Arguments.of(true, false), Arguments.of(true, true));
    }

    @ParameterizedTest(name = "dgemm transA={0} transB={1}")
    @MethodSource("transposes")
    void dgemmMatchesTripleLoop(boolean transA, boolean transB) {
        Random random = new Random(17);
        forEachCase(transA, transB, c -> checkDgemm(c, random));
    }

    @ParameterizedTest(name = "sgemm transA={0} transB={1}")
    @MethodSource("transposes")
    void sgemmMatchesTripleLoop(boolean transA, boolean transB) {
        Random random = new Random(23);
        forEachCase(transA, transB, c -> checkSgemm(c, random));
    }

    @Test
    void zeroInnerDimensionScalesC() {
        double[] c = {7, 1, 2, 3, 7, 4, 5, 6, 7};
        backend.dgemm(false, false, 3, 2, 0, 1.0, new double[0], 0, 3, new double[0], 0, 1, 2.0, c, 1, 4);
        assertArrayEquals(new double[] {7, 2, 4, 6, 7, 8, 10, 12, 7}, c);

        float[] f = {Float.NaN, Float.NaN, Float.NaN, 9};
        backend.sgemm(true, true, 3, 1, 0, 1.0f, new float[0], 0, 1, new float[0], 0, 1, 0.0f, f, 0, 3);
        assertArrayEquals(new float[] {0, 0, 0, 9}, f);
    }

    @Test
    void emptyResultLeavesCUntouched() {
        double[] c = {Double.NaN, 5};
        backend.dgemm(false, false, 0, 2, 3, 1.0, new double[0], 0, 1, new double[6], 0, 3, 0.0, c, 0, 1);
        backend.dgemm(false, false, 2, 0, 3, 1.0, new double[6], 0, 2, new double[0], 0, 3, 0.0, c, 0, 2);
        assertTrue(Double.isNaN(c[0]));
        assertEquals(5, c[1]);
    }

    @Test
    void badArgumentsAreRejectedBeforeNativeCode() {
        double[] c = new double[4];
        IllegalArgumentException smallLd = assertThrows(IllegalArgumentException.class, () -> backend.dgemm(
                false, false, 2, 2, 2, 1.0, new double[4], 0, 1, new double[4], 0, 2, 0.0, c, 0, 2));
        assertTrue(smallLd.getMessage().contains("ldA = 1"), smallLd.getMessage());

        IllegalArgumentException shortC = assertThrows(IllegalArgumentException.class, () -> backend.sgemm(
                false, false, 2, 2, 2, 1.0f, new float[4], 0, 2, new float[4], 0, 2, 0.0f, new float[4], 1, 2));
        assertTrue(shortC.getMessage().startsWith("sgemm: C"), shortC.getMessage());
        assertTrue(shortC.getMessage().contains("length 4"), shortC.getMessage());

        NullPointerException nullB = assertThrows(NullPointerException.class, () -> backend.dgemm(
                false, false, 2, 2, 2, 1.0, new double[4], 0, 2, null, 0, 2, 0.0, c, 0, 2));
        assertEquals("dgemm: array b is null", nullB.getMessage());
    }

    private static void forEachCase(boolean transA, boolean transB, java.util.function.Consumer<Case> check) {
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    for (Layout layout : new Layout[] {TIGHT, PADDED}) {
                        for (double[] scalars : SCALARS) {
                            check.accept(new Case(transA, transB, m, n, k, layout, scalars[0], scalars[1]));
                        }
                    }
                }
            }
        }
    }

    private static void checkDgemm(Case c, Random random) {
        double[] a = randoms(c.lengthA(), random);
        double[] b = randoms(c.lengthB(), random);
        double[] out = c.beta == 0 ? nans(c.lengthC()) : randoms(c.lengthC(), random);
        double[] aBefore = a.clone();
        double[] bBefore = b.clone();
        NaiveGemm.Expected expected = NaiveGemm.of(c.transA, c.transB, c.m, c.n, c.k,
                c.alpha, a, c.layout.offA, c.lda(), b, c.layout.offB, c.ldb(), c.beta, out, c.layout.offC, c.ldc());

        backend.dgemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, a, c.layout.offA, c.lda(),
                b, c.layout.offB, c.ldb(), c.beta, out, c.layout.offC, c.ldc());

        assertArrayEquals(aBefore, a, () -> "dgemm changed A, " + c);
        assertArrayEquals(bBefore, b, () -> "dgemm changed B, " + c);
        assertMatches("dgemm", c, expected, out, F64_UNIT_ROUNDOFF);
    }

    private static void checkSgemm(Case c, Random random) {
        float[] a = narrow(randoms(c.lengthA(), random));
        float[] b = narrow(randoms(c.lengthB(), random));
        float[] out = narrow(c.beta == 0 ? nans(c.lengthC()) : randoms(c.lengthC(), random));
        float[] aBefore = a.clone();
        float[] bBefore = b.clone();
        NaiveGemm.Expected expected = NaiveGemm.of(c.transA, c.transB, c.m, c.n, c.k,
                c.alpha, NaiveGemm.widen(a), c.layout.offA, c.lda(), NaiveGemm.widen(b), c.layout.offB, c.ldb(),
                c.beta, NaiveGemm.widen(out), c.layout.offC, c.ldc());

        backend.sgemm(c.transA, c.transB, c.m, c.n, c.k, (float) c.alpha, a, c.layout.offA, c.lda(),
                b, c.layout.offB, c.ldb(), (float) c.beta, out, c.layout.offC, c.ldc());

        assertArrayEquals(aBefore, a, () -> "sgemm changed A, " + c);
        assertArrayEquals(bBefore, b, () -> "sgemm changed B, " + c);
        assertMatches("sgemm", c, expected, NaiveGemm.widen(out), F32_UNIT_ROUNDOFF);
    }

    /**
     * Inside the m x n window: within the classic error bound {@code ~(k+2) u * magnitude} (times 8 for
     * slack); outside it (padding, other columns): bit for bit what was there before.
     */
    private static void assertMatches(String routine, Case c, NaiveGemm.Expected expected, double[] got,
                                      double unitRoundoff) {
        boolean[] window = c.window();
        for (int i = 0; i < got.length; i++) {
            if (!window[i]) {
                if (Double.compare(expected.c()[i], got[i]) != 0) {
                    fail(routine + " wrote outside C's window at index " + i + ": " + got[i] + ", " + c);
                }
                continue;
            }
            double tolerance = 8 * (c.k + 2) * unitRoundoff * expected.magnitude()[i];
            if (!(Math.abs(got[i] - expected.c()[i]) <= tolerance)) {
                int column = (i - c.layout.offC) / c.ldc();
                int row = (i - c.layout.offC) % c.ldc();
                fail(routine + " C[" + row + "," + column + "] = " + got[i] + ", expected " + expected.c()[i]
                        + " within " + tolerance + ", " + c);
            }
        }
    }

    private static double[] randoms(int length, Random random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static double[] nans(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static float[] narrow(double[] values) {
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return narrow;
    }
}
