package org.sae4j.autoencoder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Sigmoid} on the Vector API; only loaded when {@code jdk.incubator.vector} is present. */
final class VectorSigmoid {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    private VectorSigmoid() {
    }

    static void inPlace(double[] z, int from, int to) {
        int i = from;
        int bound = from + DOUBLES.loopBound(to - from);
        for (; i < bound; i += DOUBLES.length()) {
            DoubleVector e = DoubleVector.fromArray(DOUBLES, z, i).neg().lanewise(VectorOperators.EXP);
            DoubleVector.broadcast(DOUBLES, 1).div(e.add(1)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = 1 / (1 + Math.exp(-z[i]));
        }
    }

    static void inPlace(float[] z, int from, int to) {
        int i = from;
        int bound = from + FLOATS.loopBound(to - from);
        for (; i < bound; i += FLOATS.length()) {
            FloatVector e = FloatVector.fromArray(FLOATS, z, i).neg().lanewise(VectorOperators.EXP);
            FloatVector.broadcast(FLOATS, 1).div(e.add(1)).intoArray(z, i);
        }
        for (; i < to; i++) {
            z[i] = (float) (1 / (1 + Math.exp(-z[i])));
        }
    }
}
