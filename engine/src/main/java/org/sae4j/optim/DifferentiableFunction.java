package org.sae4j.optim;

/** A real function of a vector that also yields its gradient; what the optimisers minimise. */
public interface DifferentiableFunction {

    /** The number of variables n; every point and gradient has this length. */
    int dimension();

    /**
     * Evaluates the function at {@code x} and writes its gradient into {@code gradient}.
     * Implementations must not keep or modify {@code x}. A NaN or infinite value or gradient is
     * allowed: optimisers treat it as a point they cannot use.
     *
     * @param x        the point, length {@link #dimension()}; read only
     * @param gradient receives the gradient at {@code x}, length {@link #dimension()}
     * @return the function value at {@code x}
     */
    double evaluate(double[] x, double[] gradient);
}
