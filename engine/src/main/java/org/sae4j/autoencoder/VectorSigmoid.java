package org.sae4j.autoencoder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sigmoid} on the Vector API, the same operations lane by lane, so the results equal the scalar
 * path bit for bit. Only loaded when {@code jdk.incubator.vector} is present.
 */
final class VectorSigmoid {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(Sigmoid.ROUNDER);
    private static final int ROUNDER_BITS_F = Float.floatToRawIntBits(Sigmoid.ROUNDER_F);

    private VectorSigmoid() {
    }

    static void inPlace(double[] z, int from, int to) {
        int lanes = DOUBLES.length();
        int i = from;
        // Two independent vectors per step: each is a long chain of dependent FMAs, and interleaving two
        // keeps both FMA units busy.
        int pairs = from + (to - from) / (2 * lanes) * (2 * lanes);
        for (; i < pairs; i += 2 * lanes) {
            DoubleVector first = of(DoubleVector.fromArray(DOUBLES, z, i));
            DoubleVector second = of(DoubleVector.fromArray(DOUBLES, z, i + lanes));
            first.intoArray(z, i);
            second.intoArray(z, i + lanes);
        }
        int bound = from + DOUBLES.loopBound(to - from);
        for (; i < bound; i += lanes) {
            of(DoubleVector.fromArray(DOUBLES, z, i)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = Sigmoid.of(z[i]);
        }
    }

    static void inPlace(float[] z, int from, int to) {
        int i = from;
        int bound = from + FLOATS.loopBound(to - from);
        for (; i < bound; i += FLOATS.length()) {
            of(FloatVector.fromArray(FLOATS, z, i)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = Sigmoid.of(z[i]);
        }
    }

    private static DoubleVector of(DoubleVector z) {
        DoubleVector x = clamp(z.neg(), Sigmoid.MAX_ARGUMENT);
        DoubleVector t = x.fma(Sigmoid.LOG2E, Sigmoid.ROUNDER);
        DoubleVector k = t.sub(Sigmoid.ROUNDER);
        DoubleVector minusK = k.neg();
        DoubleVector r = minusK.fma(DoubleVector.broadcast(DOUBLES, Sigmoid.LN2_LO),
                minusK.fma(DoubleVector.broadcast(DOUBLES, Sigmoid.LN2_HI), x));
        double[] c = Sigmoid.TAYLOR;
        DoubleVector p = DoubleVector.broadcast(DOUBLES, c[0]);
        for (int n = 1; n < c.length; n++) {
            p = p.fma(r, DoubleVector.broadcast(DOUBLES, c[n]));
        }
        DoubleVector scale = ((LongVector) t.reinterpretAsLongs()).sub(ROUNDER_BITS - 1023)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return DoubleVector.broadcast(DOUBLES, 1).div(p.mul(scale).add(1));
    }

    private static FloatVector of(FloatVector z) {
        FloatVector x = clamp(z.neg(), Sigmoid.MAX_ARGUMENT_F);
        FloatVector t = x.fma(Sigmoid.LOG2E_F, Sigmoid.ROUNDER_F);
        FloatVector k = t.sub(Sigmoid.ROUNDER_F);
        FloatVector minusK = k.neg();
        FloatVector r = minusK.fma(FloatVector.broadcast(FLOATS, Sigmoid.LN2_LO_F),
                minusK.fma(FloatVector.broadcast(FLOATS, Sigmoid.LN2_HI_F), x));
        float[] c = Sigmoid.TAYLOR_F;
        FloatVector p = FloatVector.broadcast(FLOATS, c[0]);
        for (int n = 1; n < c.length; n++) {
            p = p.fma(r, FloatVector.broadcast(FLOATS, c[n]));
        }
        FloatVector scale = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS_F - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return FloatVector.broadcast(FLOATS, 1).div(p.mul(scale).add(1));
    }

    /**
     * Clamps into [−limit, limit] with compares and blends, which cost a third of {@code max/min}
     * (those also order −0.0 and 0.0, which does not matter here). NaN compares false and passes
     * through, as in the scalar path.
     */
    private static DoubleVector clamp(DoubleVector x, double limit) {
        DoubleVector low = x.blend(-limit, x.compare(VectorOperators.LT, -limit));
        return low.blend(limit, low.compare(VectorOperators.GT, limit));
    }

    private static FloatVector clamp(FloatVector x, float limit) {
        FloatVector low = x.blend(-limit, x.compare(VectorOperators.LT, -limit));
        return low.blend(limit, low.compare(VectorOperators.GT, limit));
    }
}
