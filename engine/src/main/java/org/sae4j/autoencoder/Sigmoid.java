package org.sae4j.autoencoder;

import java.util.Locale;

/**
 * The logistic function f(z) = 1 / (1 + e^−z) over contiguous ranges, in place, with an exponential
 * built only from IEEE-exact operations (add, multiply, fused multiply-add, bit moves).
 *
 * <p><b>Why not {@link Math#exp}?</b> The Vector API's {@code EXP} runs an intrinsic in compiled code
 * and a different Java fallback before the JIT gets there, and the two disagree in the last bit, so
 * the same evaluation could give different bits early and late in a run. Every operation used here is
 * exactly specified, so the result is the same in the interpreter, in C1 and C2 code, lane by lane in
 * {@link VectorSigmoid} and element by element here: bitwise determinism does not depend on the JIT,
 * and the vector and scalar paths agree bit for bit.
 *
 * <p><b>The exponential.</b> e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k ln 2 (Cody–Waite
 * split of ln 2, |r| ≤ ln 2 / 2), e^r by its Taylor series to degree 13 (float: 7), whose truncation
 * error is below half an ulp, and 2^k written into the exponent bits. The argument is clamped to
 * [−708, 708] (float: [−87, 87]) so 2^k stays a normal number: f(z) is then exactly 1 for z ≥ 708 and
 * below 1e−307 for z ≤ −708, where the true value underflows anyway. Accuracy: within a few ulp of
 * the correctly rounded f(z).
 *
 * <p>The Vector API path is used when the module {@code jdk.incubator.vector} is in the boot layer;
 * {@value #PROPERTY}{@code =scalar} forces the scalar path (same results, slower).
 */
final class Sigmoid {
    static final String PROPERTY = "sae4j.sigmoid";
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"scalar".equals(System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT));

    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low bits. */
    static final double ROUNDER = 0x1.8p52;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double MAX_ARGUMENT = 708;
    /** Taylor coefficients 1/n!, highest degree first. */
    static final double[] TAYLOR = taylor(13);

    static final float LOG2E_F = 1.442695f;
    static final float ROUNDER_F = 0x1.8p23f;
    static final float LN2_HI_F = 0x1.62e4p-1f;
    static final float LN2_LO_F = 1.42860682e-6f;
    static final float MAX_ARGUMENT_F = 87;
    static final float[] TAYLOR_F = toFloats(taylor(7));

    private Sigmoid() {
    }

    static void inPlace(double[] z, int from, int to) {
        if (VECTOR) {
            VectorSigmoid.inPlace(z, from, to);
        } else {
            for (int i = from; i < to; i++) {
                z[i] = of(z[i]);
            }
        }
    }

    static void inPlace(float[] z, int from, int to) {
        if (VECTOR) {
            VectorSigmoid.inPlace(z, from, to);
        } else {
            for (int i = from; i < to; i++) {
                z[i] = of(z[i]);
            }
        }
    }

    static double of(double z) {
        double x = Math.min(Math.max(-z, -MAX_ARGUMENT), MAX_ARGUMENT);
        double t = Math.fma(x, LOG2E, ROUNDER);
        double k = t - ROUNDER;
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
        double p = TAYLOR[0];
        for (int i = 1; i < TAYLOR.length; i++) {
            p = Math.fma(p, r, TAYLOR[i]);
        }
        long exponent = (Double.doubleToRawLongBits(t) - Double.doubleToRawLongBits(ROUNDER) + 1023) << 52;
        return 1 / (1 + p * Double.longBitsToDouble(exponent));
    }

    static float of(float z) {
        float x = Math.min(Math.max(-z, -MAX_ARGUMENT_F), MAX_ARGUMENT_F);
        float t = Math.fma(x, LOG2E_F, ROUNDER_F);
        float k = t - ROUNDER_F;
        float r = Math.fma(-k, LN2_LO_F, Math.fma(-k, LN2_HI_F, x));
        float p = TAYLOR_F[0];
        for (int i = 1; i < TAYLOR_F.length; i++) {
            p = Math.fma(p, r, TAYLOR_F[i]);
        }
        int exponent = (Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUNDER_F) + 127) << 23;
        return 1 / (1 + p * Float.intBitsToFloat(exponent));
    }

    private static double[] taylor(int degree) {
        double[] c = new double[degree + 1];
        double factorial = 1;
        for (int n = 0; n <= degree; n++) {
            if (n > 0) {
                factorial *= n;
            }
            c[degree - n] = 1 / factorial;
        }
        return c;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
