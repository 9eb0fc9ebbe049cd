package org.sae4j.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model was trained. Stored with the model; none of it is needed to use the parameters.
 *
 * @param terminationReason why the optimiser stopped, in words
 * @param iterations        optimiser iterations done, {@code >= 0}
 * @param evaluations       cost/gradient evaluations done, {@code >= 0}
 * @param finalCost         the cost J of the stored parameters (any double, NaN if unknown)
 * @param seconds           wall-clock training time, finite and {@code >= 0}
 * @param backend           name of the matrix backend used
 * @param threads           worker threads used, {@code >= 1}
 * @param seed              random seed of the initialisation
 * @param created           when the model was written
 * @param extra             free-form key/value pairs; copied into an unmodifiable map sorted by key
 */
public record ModelMetadata(String terminationReason, int iterations, int evaluations, double finalCost,
                            double seconds, String backend, int threads, long seed, Instant created,
                            Map<String, String> extra) {

    public ModelMetadata {
        Objects.requireNonNull(terminationReason, "terminationReason");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(extra, "extra");
        if (iterations < 0) {
            throw new IllegalArgumentException("metadata iterations must be >= 0, got " + iterations);
        }
        if (evaluations < 0) {
            throw new IllegalArgumentException("metadata evaluations must be >= 0, got " + evaluations);
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("metadata seconds must be finite and >= 0, got " + seconds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("metadata threads must be >= 1, got " + threads);
        }
        extra.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("metadata extra entries must not be null, got "
                        + key + " = " + value);
            }
        });
        extra = Collections.unmodifiableSortedMap(new TreeMap<>(extra));
    }
}
