package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sae4j.parallel.ParallelRuntime;

class LbfgsHistoryTest {
    private static final int N = 6;
    private final Random random = new Random(11);

    @Test
    void emptyMemoryGivesSteepestDescent() {
        LbfgsHistory memory = new LbfgsHistory(3, N, new BlockedVectors(N, ParallelRuntime.singleThreaded()));
        double[] g = randomVector();
        double[] d = new double[N];
        memory.direction(g, d);
        for (int i = 0; i < N; i++) {
            assertEquals(-g[i], d[i], 0);
        }
    }

    @Test
    void matchesDenseBfgsInverseUpdatesOverTheNewestPairs() {
        int m = 4;
        LbfgsHistory memory = new LbfgsHistory(m, N, new BlockedVectors(N, ParallelRuntime.singleThreaded()));
        double[][] hessian = randomSpd();
        List<double[][]> pairs = new ArrayList<>();
        for (int k = 0; k < m + 3; k++) {
            double[] direction = randomVector();
            double step = 0.5 + random.nextDouble();
            double[] oldGradient = randomVector();
            double[] s = scaled(step, direction);
            double[] newGradient = add(oldGradient, multiply(hessian, s));
            assertTrue(memory.update(direction, step, newGradient, oldGradient));
            pairs.add(new double[][] {s, subtract(newGradient, oldGradient)});
            assertEquals(Math.min(k + 1, m), memory.size());

            double[] g = randomVector();
            double[] d = new double[N];
            memory.direction(g, d);
            double[] expected = scaled(-1, multiply(denseInverse(pairs.subList(Math.max(0, pairs.size() - m), pairs.size())), g));
            assertArrayEquals(expected, d, 1e-9 * Vectors.maxAbs(expected), "after pair " + k);

            // Secant equation for the newest pair: H y = s.
            double[][] newest = pairs.get(pairs.size() - 1);
            memory.direction(newest[1], d);
            assertArrayEquals(scaled(-1, newest[0]), d, 1e-9 * Vectors.maxAbs(newest[0]));
        }
    }

    @Test
    void rejectsPairsWithoutSafelyPositiveCurvature() {
        LbfgsHistory memory = new LbfgsHistory(3, N, new BlockedVectors(N, ParallelRuntime.singleThreaded()));
        double[] direction = randomVector();
        double[] g = randomVector();
        // y orthogonal to s: sᵀy = 0.
        double[] y = randomVector();
        Vectors.axpy(-Vectors.dot(y, direction) / Vectors.dot(direction, direction), direction, y);
        assertFalse(memory.update(direction, 1, add(g, y), g));
        // y = -s: negative curvature.
        assertFalse(memory.update(direction, 1, subtract(g, direction), g));
        assertEquals(0, memory.size());
        double[] d = new double[N];
        memory.direction(g, d);
        assertArrayEquals(scaled(-1, g), d, 0);
    }

    @Test
    void resetForgetsEverything() {
        LbfgsHistory memory = new LbfgsHistory(2, N, new BlockedVectors(N, ParallelRuntime.singleThreaded()));
        double[] direction = randomVector();
        double[] g = randomVector();
        assertTrue(memory.update(direction, 1, add(g, scaled(3, direction)), g));
        memory.reset();
        assertEquals(0, memory.size());
        double[] d = new double[N];
        memory.direction(g, d);
        assertArrayEquals(scaled(-1, g), d, 0);
    }

    /** H = γI updated by H ← (I - ρsyᵀ)H(I - ρysᵀ) + ρssᵀ for each pair, oldest first. */
    private static double[][] denseInverse(List<double[][]> pairs) {
        double[] sLast = pairs.get(pairs.size() - 1)[0];
        double[] yLast = pairs.get(pairs.size() - 1)[1];
        double gamma = Vectors.dot(sLast, yLast) / Vectors.dot(yLast, yLast);
        double[][] h = new double[N][N];
        for (int i = 0; i < N; i++) {
            h[i][i] = gamma;
        }
        for (double[][] pair : pairs) {
            double[] s = pair[0];
            double[] y = pair[1];
            double rho = 1 / Vectors.dot(s, y);
            double[][] v = new double[N][N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    v[i][j] = (i == j ? 1 : 0) - rho * y[i] * s[j];
                }
            }
            double[][] next = matmul(transpose(v), matmul(h, v));
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    next[i][j] += rho * s[i] * s[j];
                }
            }
            h = next;
        }
        return h;
    }

    private double[][] randomSpd() {
        double[][] r = new double[N][N];
        for (double[] row : r) {
            for (int j = 0; j < N; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = matmul(transpose(r), r);
        for (int i = 0; i < N; i++) {
            a[i][i] += 1;
        }
        return a;
    }

    private double[] randomVector() {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = Vectors.dot(a[i], x);
        }
        return y;
    }

    private static double[] scaled(double alpha, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = alpha * x[i];
        }
        return y;
    }

    private static double[] add(double[] x, double[] y) {
        double[] z = x.clone();
        Vectors.axpy(1, y, z);
        return z;
    }

    private static double[] subtract(double[] x, double[] y) {
        double[] z = x.clone();
        Vectors.axpy(-1, y, z);
        return z;
    }

    @Test
    void directionIsBitwiseTheSameForEveryThreadCount() {
        int n = 3 * BlockedVectors.BLOCK + 123;
        double[] gradient = new SplittableRandom(3).doubles(n, -1, 1).toArray();
        double[] reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (ParallelRuntime runtime = ParallelRuntime.create(threads)) {
                LbfgsHistory memory = new LbfgsHistory(4, n, new BlockedVectors(n, runtime));
                SplittableRandom pairs = new SplittableRandom(5);
                for (int k = 0; k < 6; k++) {
                    double[] direction = pairs.doubles(n, -1, 1).toArray();
                    double[] oldGradient = pairs.doubles(n, -1, 1).toArray();
                    double[] newGradient = new double[n];
                    for (int i = 0; i < n; i++) {
                        newGradient[i] = oldGradient[i] + (1 + i % 5) * direction[i];
                    }
                    assertTrue(memory.update(direction, 1, newGradient, oldGradient));
                }
                double[] d = new double[n];
                memory.direction(gradient, d);
                if (reference == null) {
                    reference = d;
                } else {
                    assertArrayEquals(reference, d, 0, "threads=" + threads);
                }
            }
        }
        assertTrue(Vectors.dot(reference, gradient) < 0, "a descent direction");
    }
}
