package org.sae4j.optim;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a minimisation. The arrays are copied in and handed out as copies, so a result
 * cannot be changed after the fact.
 *
 * @param x            the accepted point with the lowest finite function value; always finite. If the
 *                     value at the starting point is not finite, this is the starting point
 * @param value        the function value at {@code x} (NaN or infinite only when the starting point
 *                     itself was not finite)
 * @param iterations   completed iterations
 * @param evaluations  function evaluations, including the one at the starting point
 * @param termination  why the run stopped
 * @param valueHistory the function value after each iteration: index 0 holds f(x0), index k the value
 *                     at the point accepted by iteration k; length {@code iterations + 1}
 * @param elapsed      wall-clock duration of the run
 */
public record OptimizationResult(double[] x, double value, int iterations, int evaluations,
                                 Termination termination, double[] valueHistory, Duration elapsed) {

    public OptimizationResult {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(valueHistory, "valueHistory");
        Objects.requireNonNull(elapsed, "elapsed");
        x = x.clone();
        valueHistory = valueHistory.clone();
    }

    /** A copy of the best point. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the value history. */
    @Override
    public double[] valueHistory() {
        return valueHistory.clone();
    }

    @Override
    public String toString() {
        return "OptimizationResult[value=" + value + ", iterations=" + iterations + ", evaluations="
                + evaluations + ", termination=" + termination + ", elapsed=" + elapsed + "]";
    }
}
