package org.sae4j.optim;

import java.time.Duration;

/**
 * The state after one completed iteration, as passed to a {@link ProgressListener}.
 *
 * @param iteration    the number of completed iterations, starting at 1
 * @param evaluations  function evaluations so far, including the one at the starting point
 * @param value        the function value at the new point
 * @param gradientNorm the largest absolute gradient component at the new point, the quantity
 *                     compared with the gradient tolerance
 * @param step         the step length taken: the multiple of the search direction (L-BFGS) or of
 *                     the negative gradient (gradient descent)
 * @param elapsed      wall-clock time since the minimisation started
 */
public record IterationInfo(int iteration, int evaluations, double value, double gradientNorm,
                            double step, Duration elapsed) {
}
