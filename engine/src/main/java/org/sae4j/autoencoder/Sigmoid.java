package org.sae4j.autoencoder;

import java.util.Locale;

/**
 * The logistic function over contiguous ranges, in place. The exponentials are most of the
 * element-wise work of an evaluation, so when the module {@code jdk.incubator.vector} is in the boot
 * layer they run through the Vector API ({@link VectorSigmoid}); otherwise through {@link Math#exp}.
 * The property {@value #PROPERTY}{@code =scalar} forces the scalar path.
 */
final class Sigmoid {
    static final String PROPERTY = "sae4j.sigmoid";
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"scalar".equals(System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT));

    private Sigmoid() {
    }

    /** Which implementation runs, for reports. */
    static String implementation() {
        return VECTOR ? "vector-api" : "scalar";
    }

    static void inPlace(double[] z, int from, int to) {
        if (VECTOR) {
            VectorSigmoid.inPlace(z, from, to);
        } else {
            for (int i = from; i < to; i++) {
                z[i] = 1 / (1 + Math.exp(-z[i]));
            }
        }
    }

    static void inPlace(float[] z, int from, int to) {
        if (VECTOR) {
            VectorSigmoid.inPlace(z, from, to);
        } else {
            for (int i = from; i < to; i++) {
                z[i] = (float) (1 / (1 + Math.exp(-z[i])));
            }
        }
    }
}
