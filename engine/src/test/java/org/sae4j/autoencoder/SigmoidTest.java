package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SigmoidTest {

    @Test
    void doubleSigmoidIsWithinFourUlpOfTheExactValue() {
        SplittableRandom rnd = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double z = rnd.nextDouble(-40, 40);
            double expected = exact(z);
            double ulps = Math.abs(Sigmoid.of(z) - expected) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
    }

    @Test
    void floatSigmoidIsWithinFourUlpOfTheExactValue() {
        SplittableRandom rnd = new SplittableRandom(6);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float z = (float) rnd.nextDouble(-20, 20);
            double expected = exact(z);
            double ulps = Math.abs(Sigmoid.of(z) - expected) / Math.ulp((float) expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
    }

    @Test
    void extremesSaturateWithoutNaN() {
        assertEquals(1.0, Sigmoid.of(800.0));
        assertEquals(1.0, Sigmoid.of(Double.POSITIVE_INFINITY));
        double tiny = Sigmoid.of(-800.0);
        assertTrue(tiny >= 0 && tiny < 1e-300, "f(-800) = " + tiny);
        assertEquals(0.5, Sigmoid.of(0.0));
        assertTrue(Double.isNaN(Sigmoid.of(Double.NaN)));
        assertEquals(1.0f, Sigmoid.of(100f));
        assertTrue(Sigmoid.of(-100f) < 1e-37f);
        assertEquals(0.5f, Sigmoid.of(0f));
    }

    /** The array path (vector when the module is present) gives the scalar function's bits everywhere. */
    @Test
    void arrayPathEqualsTheScalarFunctionBitForBit() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[] z = new double[1003];
        float[] zf = new float[1003];
        for (int i = 0; i < z.length; i++) {
            z[i] = rnd.nextDouble(-30, 30);
            zf[i] = (float) z[i];
        }
        double[] d = z.clone();
        float[] f = zf.clone();
        Sigmoid.inPlace(d, 3, 1001);
        Sigmoid.inPlace(f, 3, 1001);
        for (int i = 0; i < z.length; i++) {
            boolean inside = i >= 3 && i < 1001;
            assertEquals(inside ? Sigmoid.of(z[i]) : z[i], d[i], 0.0, "double at " + i);
            assertEquals(inside ? Sigmoid.of(zf[i]) : zf[i], f[i], 0.0f, "float at " + i);
        }
    }

    /** 1 / (1 + e^-z) from Math.exp, accurate to about 1 ulp, in the form least prone to cancellation. */
    private static double exact(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
