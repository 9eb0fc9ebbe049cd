package org.sae4j.autoencoder;

import java.util.Locale;

/**
 * The kind of the autoencoder's output layer (the decoder, W2·a2 + b2 and what follows it); the hidden
 * layer is always sigmoid. The command line's {@code --decoder} and the model file's decoder field name
 * one of these.
 */
public enum OutputLayer {
    /** a3 = f(W2·a2 + b2), δ3 = (a3 − x)·f′: outputs in (0, 1), for inputs scaled into [0, 1] (UFLDL's exercise). */
    SIGMOID,
    /**
     * a3 = W2·a2 + b2, δ3 = a3 − x: the linear decoder of the UFLDL course, for inputs that are not in
     * [0, 1], such as whitened or colour data, which a sigmoid output cannot reconstruct.
     */
    LINEAR;

    /** {@code sigmoid} or {@code linear}, in any case. */
    public static OutputLayer parse(String text) {
        for (OutputLayer kind : values()) {
            if (kind.shortName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("decoder must be sigmoid or linear, got '" + text + "'");
    }

    /** {@code sigmoid} or {@code linear}. */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
