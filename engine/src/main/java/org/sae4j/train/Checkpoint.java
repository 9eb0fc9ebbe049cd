package org.sae4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sae4j.optim.OptimizerState;

/**
 * A training run as it stood after an iteration: the optimiser's whole state (θ included) and the
 * {@link RunFingerprint} of what decides its bits, so that it is resumed only by the same run.
 *
 * @param fingerprint the run's fingerprint, field by field
 * @param state       the optimiser's state; its point is θ
 */
public record Checkpoint(Map<String, String> fingerprint, OptimizerState state) {

    public Checkpoint {
        Objects.requireNonNull(state, "state");
        fingerprint = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
    }
}
