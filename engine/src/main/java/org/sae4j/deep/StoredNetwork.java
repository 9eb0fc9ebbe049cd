package org.sae4j.deep;

import java.util.Objects;
import org.sae4j.precision.Precision;

/**
 * A network as its file holds it: the network, the factor its inputs were multiplied by in training (so
 * that new data is scaled alike), the precision it was trained in, and whether it was fine-tuned.
 */
public record StoredNetwork(DeepNetwork network, double inputScale, Precision precision, boolean fineTuned) {
    public StoredNetwork {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(precision, "precision");
        if (!(inputScale != 0 && Double.isFinite(inputScale))) {
            throw new IllegalArgumentException("the input scale must be finite and not 0, got " + inputScale);
        }
    }
}
