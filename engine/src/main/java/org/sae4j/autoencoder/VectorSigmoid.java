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
 *
 * <p>Each loop body is written out in full, without helper methods taking or returning vectors: a
 * vector that crosses a call the JIT does not inline is boxed, and then every element allocates.
 * The clamp uses compares and blends, a third of the cost of {@code max/min} (which also order −0.0
 * and 0.0, irrelevant here); NaN compares false and passes through, as in the scalar path.
 */
final class VectorSigmoid {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final long EXPONENT_BIAS = Double.doubleToRawLongBits(Sigmoid.ROUNDER) - 1023;
    private static final int EXPONENT_BIAS_F = Float.floatToRawIntBits(Sigmoid.ROUNDER_F) - 127;

    private VectorSigmoid() {
    }

    static void inPlace(double[] z, int from, int to) {
        double[] c = Sigmoid.TAYLOR;
        double limit = Sigmoid.MAX_ARGUMENT;
        int i = from;
        for (int bound = from + DOUBLES.loopBound(to - from); i < bound; i += DOUBLES.length()) {
            DoubleVector x = DoubleVector.fromArray(DOUBLES, z, i).neg();
            x = x.blend(-limit, x.compare(VectorOperators.LT, -limit));
            x = x.blend(limit, x.compare(VectorOperators.GT, limit));
            DoubleVector t = x.fma(Sigmoid.LOG2E, Sigmoid.ROUNDER);
            DoubleVector minusK = t.sub(Sigmoid.ROUNDER).neg();
            DoubleVector r = minusK.fma(DoubleVector.broadcast(DOUBLES, Sigmoid.LN2_LO),
                    minusK.fma(DoubleVector.broadcast(DOUBLES, Sigmoid.LN2_HI), x));
            DoubleVector p = DoubleVector.broadcast(DOUBLES, c[0]);
            for (int n = 1; n < c.length; n++) {
                p = p.fma(r, DoubleVector.broadcast(DOUBLES, c[n]));
            }
            DoubleVector scale = ((LongVector) t.reinterpretAsLongs()).sub(EXPONENT_BIAS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector.broadcast(DOUBLES, 1).div(p.mul(scale).add(1)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = Sigmoid.of(z[i]);
        }
    }

    static void inPlace(float[] z, int from, int to) {
        float[] c = Sigmoid.TAYLOR_F;
        float limit = Sigmoid.MAX_ARGUMENT_F;
        int i = from;
        for (int bound = from + FLOATS.loopBound(to - from); i < bound; i += FLOATS.length()) {
            FloatVector x = FloatVector.fromArray(FLOATS, z, i).neg();
            x = x.blend(-limit, x.compare(VectorOperators.LT, -limit));
            x = x.blend(limit, x.compare(VectorOperators.GT, limit));
            FloatVector t = x.fma(Sigmoid.LOG2E_F, Sigmoid.ROUNDER_F);
            FloatVector minusK = t.sub(Sigmoid.ROUNDER_F).neg();
            FloatVector r = minusK.fma(FloatVector.broadcast(FLOATS, Sigmoid.LN2_LO_F),
                    minusK.fma(FloatVector.broadcast(FLOATS, Sigmoid.LN2_HI_F), x));
            FloatVector p = FloatVector.broadcast(FLOATS, c[0]);
            for (int n = 1; n < c.length; n++) {
                p = p.fma(r, FloatVector.broadcast(FLOATS, c[n]));
            }
            FloatVector scale = ((IntVector) t.reinterpretAsInts()).sub(EXPONENT_BIAS_F)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector.broadcast(FLOATS, 1).div(p.mul(scale).add(1)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = Sigmoid.of(z[i]);
        }
    }
}
