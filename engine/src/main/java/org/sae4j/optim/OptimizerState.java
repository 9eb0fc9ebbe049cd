package org.sae4j.optim;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an optimiser needs to continue a run exactly where it stood after a completed iteration:
 * the counts, the value history and its own named vectors (the point, the gradient, and for L-BFGS
 * the correction pairs). {@link Optimizer#resume} from a state gives, bit for bit, what the run would
 * have given had it never stopped, because evaluation is deterministic.
 *
 * <p>Immutable: the arrays are copied in and out. Its {@link #settings()} are the optimiser's
 * {@link Optimizer#resumeSettings()}, so a state is only resumed by an optimiser that would have made
 * the same steps.
 */
public final class OptimizerState {
    /** The array every optimiser stores its current point in. */
    static final String POINT = "x";

    private final String settings;
    private final int iterations;
    private final int evaluations;
    private final Duration elapsed;
    private final double[] valueHistory;
    private final Map<String, double[]> arrays;

    /**
     * @param settings     {@link Optimizer#resumeSettings()} of the optimiser that made it
     * @param iterations   completed iterations, ≥ 0
     * @param evaluations  evaluations so far, ≥ 1
     * @param elapsed      time spent so far, carried into the resumed run's result
     * @param valueHistory the values after each iteration; length {@code iterations + 1}
     * @param arrays       the optimiser's own vectors by name, in the order they are stored
     * @throws IllegalArgumentException if a count or the history length is inconsistent
     */
    public OptimizerState(String settings, int iterations, int evaluations, Duration elapsed, double[] valueHistory,
                          Map<String, double[]> arrays) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        if (iterations < 0 || evaluations < 1) {
            throw new IllegalArgumentException("iterations must be >= 0 and evaluations >= 1, got " + iterations
                    + " and " + evaluations);
        }
        if (valueHistory.length != iterations + 1L) {
            throw new IllegalArgumentException("the value history must have iterations + 1 = " + (iterations + 1L)
                    + " entries, got " + valueHistory.length);
        }
        this.iterations = iterations;
        this.evaluations = evaluations;
        this.valueHistory = valueHistory.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        arrays.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "array name"), values.clone()));
        this.arrays = Collections.unmodifiableMap(copy);
    }

    public String settings() {
        return settings;
    }

    public int iterations() {
        return iterations;
    }

    public int evaluations() {
        return evaluations;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** A copy of the value history. */
    public double[] valueHistory() {
        return valueHistory.clone();
    }

    /** The names of the stored vectors, in order. */
    public Iterable<String> arrayNames() {
        return arrays.keySet();
    }

    /** A copy of the named vector. @throws IllegalArgumentException if there is none of that name */
    public double[] array(String name) {
        return stored(name).clone();
    }

    /** The length of the named vector. @throws IllegalArgumentException if there is none of that name */
    public int arrayLength(String name) {
        return stored(name).length;
    }

    /** The current point x. */
    public double[] point() {
        return array(POINT);
    }

    /** The stored vector itself, for the optimisers, which copy out of it. */
    double[] stored(String name) {
        double[] values = arrays.get(name);
        if (values == null) {
            throw new IllegalArgumentException("the state has no array '" + name + "' (it has " + arrays.keySet()
                    + ")");
        }
        return values;
    }

    /** The stored vector, checked to have {@code length} entries. */
    double[] stored(String name, int length) {
        double[] values = stored(name);
        if (values.length != length) {
            throw new IllegalArgumentException("the state's array '" + name + "' has " + values.length
                    + " entries, expected " + length);
        }
        return values;
    }

    /** The stored one-entry vector {@code name}. */
    double scalar(String name) {
        return stored(name, 1)[0];
    }

    @Override
    public String toString() {
        return "OptimizerState[" + settings + ", iterations=" + iterations + ", evaluations=" + evaluations
                + ", arrays=" + arrays.keySet() + "]";
    }
}
