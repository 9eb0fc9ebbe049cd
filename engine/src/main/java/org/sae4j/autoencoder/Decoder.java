package org.sae4j.autoencoder;

import java.util.Locale;

/**
 * The output layer of the autoencoder. The hidden layer is always sigmoid.
 */
public enum Decoder {
    /** a3 = f(W2·a2 + b2), δ3 = (a3 − x)·f′: outputs in (0, 1), for inputs scaled into [0, 1] (UFLDL's exercise). */
    SIGMOID,
    /**
     * a3 = W2·a2 + b2, δ3 = a3 − x: the linear decoder of the UFLDL course, for inputs that are not in
     * [0, 1], such as whitened or colour data, which a sigmoid output cannot reconstruct.
     */
    LINEAR;

    /** {@code sigmoid} or {@code linear}, in any case. */
    public static Decoder parse(String text) {
        for (Decoder d : values()) {
            if (d.shortName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("decoder must be sigmoid or linear, got '" + text + "'");
    }

    /** {@code sigmoid} or {@code linear}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
