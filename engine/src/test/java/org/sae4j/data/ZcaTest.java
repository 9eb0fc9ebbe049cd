package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sae4j.precision.Precision;

class ZcaTest {
    private static final int V = 6;
    private static final int M = 3000;

    /** Correlated data: a fixed random mixing of independent features with different scales, plus offsets. */
    private static Dataset correlated(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] mix = new double[V][V];
        for (double[] row : mix) {
            for (int k = 0; k < V; k++) {
                row[k] = rnd.nextDouble(-1, 1);
            }
        }
        double[] out = new double[V * M];
        for (int j = 0; j < M; j++) {
            double[] z = new double[V];
            for (int k = 0; k < V; k++) {
                z[k] = rnd.nextDouble(-1, 1) * (k + 1);
            }
            for (int i = 0; i < V; i++) {
                double s = 10 * i;
                for (int k = 0; k < V; k++) {
                    s += mix[i][k] * z[k];
                }
                out[j * V + i] = s;
            }
        }
        return Dataset.ofDoubles(V, M, out);
    }

    /** Covariance with 1/m normalisation, row-major. */
    private static double[] covariance(Dataset d) {
        int v = d.features();
        int m = d.samples();
        double[] mu = new double[v];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < v; i++) {
                mu[i] += d.get(i, j) / m;
            }
        }
        double[] c = new double[v * v];
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < v; a++) {
                for (int b = 0; b < v; b++) {
                    c[a * v + b] += (d.get(a, j) - mu[a]) * (d.get(b, j) - mu[b]) / m;
                }
            }
        }
        return c;
    }

    @Test
    void withoutEpsilonCovarianceBecomesIdentityAndMeanZero() {
        Dataset white = Zca.whiten(correlated(1), 0);
        double[] c = covariance(white);
        for (int a = 0; a < V; a++) {
            for (int b = 0; b < V; b++) {
                assertEquals(a == b ? 1 : 0, c[a * V + b], 1e-10, "cov " + a + "," + b);
            }
            double mean = 0;
            for (int j = 0; j < M; j++) {
                mean += white.get(a, j) / M;
            }
            assertEquals(0, mean, 1e-10);
        }
    }

    @Test
    void withEpsilonCovarianceIsCTimesInverseOfCPlusEpsilon() {
        Dataset data = correlated(2);
        double eps = 0.5;
        double[] c = covariance(data);
        double[] cw = covariance(Zca.whiten(data, eps));
        // U diag(λ/(λ+ε)) Uᵀ = C (C + εI)⁻¹, so Cw (C + εI) must equal C.
        for (int a = 0; a < V; a++) {
            for (int b = 0; b < V; b++) {
                double s = 0;
                for (int k = 0; k < V; k++) {
                    s += cw[a * V + k] * (c[k * V + b] + (k == b ? eps : 0));
                }
                assertEquals(c[a * V + b], s, 1e-9, "entry " + a + "," + b);
            }
        }
        // and it is not the identity: ε damps every direction
        assertTrue(cw[0] < 1 - 1e-3, "cov[0][0] = " + cw[0]);
    }

    @Test
    void whiteningMatrixIsSymmetricAndPrecisionIsKept() {
        Dataset data = correlated(3);
        Zca zca = Zca.fit(data, 0.1);
        double[] w = zca.matrix();
        for (int a = 0; a < V; a++) {
            for (int b = 0; b < V; b++) {
                assertEquals(w[a * V + b], w[b * V + a], 1e-12);
            }
        }
        Dataset f32 = zca.apply(data.toPrecision(Precision.F32));
        assertEquals(Precision.F32, f32.precision());
        assertEquals(zca.apply(data).get(2, 5), f32.get(2, 5), 1e-4);
    }

    @Test
    void singularCovarianceNeedsEpsilon() {
        // feature 1 = 2 × feature 0: rank 1
        double[] x = {1, 2, 2, 4, 3, 6, 5, 10};
        Dataset d = Dataset.ofDoubles(2, 4, x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zca.whiten(d, 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        Dataset ok = Zca.whiten(d, 1e-3);
        assertTrue(Double.isFinite(ok.get(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> Zca.whiten(d, -1));
        Zca fitted = Zca.fit(d, 0.1);
        assertThrows(IllegalArgumentException.class, () -> fitted.apply(Dataset.ofDoubles(3, 1, new double[3])));
    }

    @Test
    void scaleMultipliesEveryValueAndKeepsPrecision() {
        Dataset bytes = Dataset.ofFloats(2, 2, new float[] {0, 255, 51, 102});
        Dataset s = Preprocessing.scale(bytes, 1.0 / 255);
        assertEquals(Precision.F32, s.precision());
        assertEquals(1f, s.floats()[1]);
        assertEquals(0.4f, s.floats()[3], 1e-7);
        assertEquals(255f, bytes.floats()[1], "input untouched");
        Dataset d = Preprocessing.scale(Dataset.ofDoubles(1, 2, new double[] {3, -4}), -0.5);
        assertEquals(-1.5, d.get(0, 0));
        assertEquals(2, d.get(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.scale(d, Double.NaN));
    }
}
