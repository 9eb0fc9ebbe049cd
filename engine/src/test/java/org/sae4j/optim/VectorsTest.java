package org.sae4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unrolled vector kernels against plain loops, on lengths around the unrolling. */
class VectorsTest {

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 4, 5, 8, 11, 1001})
    void dotAndFusedUpdateMatchPlainLoops(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] x = rnd.doubles(n, -1, 1).toArray();
        double[] y = rnd.doubles(n, -1, 1).toArray();
        double[] z = rnd.doubles(n, -1, 1).toArray();
        double alpha = -0.37;

        double plainDot = 0;
        double size = 0;
        for (int i = 0; i < n; i++) {
            plainDot += x[i] * y[i];
            size += Math.abs(x[i] * y[i]);
        }
        assertEquals(plainDot, Vectors.dot(x, y), 4 * n * Math.ulp(1.0) * size);

        double[] expectedY = new double[n];
        double expectedDot = 0;
        double dotSize = 0;
        for (int i = 0; i < n; i++) {
            expectedY[i] = y[i] + alpha * x[i];
            expectedDot += z[i] * expectedY[i];
            dotSize += Math.abs(z[i] * expectedY[i]);
        }
        double fused = Vectors.axpyDot(alpha, x, y, z, 0, n);
        assertArrayEquals(expectedY, y, 0, "the update is the same expression as axpy, bit for bit");
        assertEquals(expectedDot, fused, 4 * n * Math.ulp(1.0) * dotSize);
    }
}
