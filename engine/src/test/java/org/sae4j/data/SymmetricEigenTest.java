package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void twoByTwoHasKnownEigenvalues() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with vectors (1, -1)/√2 and (1, 1)/√2
        SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        double[] sorted = e.values().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new double[] {1, 3}, sorted, 1e-15);
        int big = e.values()[0] > e.values()[1] ? 0 : 1;
        double[] u = e.vectors();
        assertEquals(1, Math.abs(u[big] + u[2 + big]) / Math.sqrt(2), 1e-15);
        assertEquals(0, u[big] - u[2 + big], 1e-15);
    }

    @Test
    void randomSymmetricMatrixIsReconstructedByOrthonormalVectors() {
        int n = 40;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double x = rnd.nextDouble(-1, 1);
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        SymmetricEigen e = SymmetricEigen.of(a, n);
        double[] u = e.vectors();
        double[] lambda = e.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double utu = 0;
                double rebuilt = 0;
                for (int k = 0; k < n; k++) {
                    utu += u[k * n + i] * u[k * n + j];
                    rebuilt += u[i * n + k] * lambda[k] * u[j * n + k];
                }
                assertEquals(i == j ? 1 : 0, utu, 1e-13, "UᵀU at " + i + "," + j);
                assertEquals(a[i * n + j], rebuilt, 1e-13, "U Λ Uᵀ at " + i + "," + j);
            }
        }
        assertEquals(trace, Arrays.stream(lambda).sum(), 1e-12);
    }

    @Test
    void diagonalAndRankDeficientMatrices() {
        SymmetricEigen d = SymmetricEigen.of(new double[] {5, 0, 0, 0, -2, 0, 0, 0, 0}, 3);
        assertArrayEquals(new double[] {5, -2, 0}, d.values());
        // x xᵀ for x = (1, 2, 3): eigenvalues 14, 0, 0
        double[] x = {1, 2, 3};
        double[] outer = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                outer[i * 3 + j] = x[i] * x[j];
            }
        }
        double[] sorted = SymmetricEigen.of(outer, 3).values().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new double[] {0, 0, 14}, sorted, 1e-13);
    }
}
