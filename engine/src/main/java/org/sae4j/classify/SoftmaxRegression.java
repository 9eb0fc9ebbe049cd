package org.sae4j.classify;

/**
 * Configuration of a softmax (multinomial logistic) regression: {@code features} inputs, {@code classes}
 * outputs, weight decay {@code lambda} on the weights (not on the biases).
 *
 * <p>Parameter layout: θ = [W(:); b], W of classes × features column-major (W(c, j) at c + classes·j),
 * then the classes biases; length classes·(features + 1).
 *
 * <pre>
 * p(c | x) = exp(w_c·x + b_c) / Σ_c' exp(w_c'·x + b_c')
 * J(θ) = −(1/m) Σ_i log p(y_i | x_i) + λ/2 ‖W‖²
 * ∂J/∂W = (1/m) Σ_i (p_i − e_{y_i}) x_iᵀ + λW        ∂J/∂b = (1/m) Σ_i (p_i − e_{y_i})
 * </pre>
 */
public record SoftmaxRegression(int features, int classes, double lambda) {

    public SoftmaxRegression {
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if ((long) classes * (features + 1L) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(classes + " classes of " + features
                    + " features give more parameters than a Java array can hold");
        }
    }

    /** Length of θ: classes·(features + 1). */
    public int parameterCount() {
        return classes * (features + 1);
    }

    /** Where the biases start in θ. */
    public int biasOffset() {
        return classes * features;
    }

    /** Throws unless θ has this configuration's length. */
    public void requireParameters(double[] theta, String what) {
        if (theta == null || theta.length != parameterCount()) {
            throw new IllegalArgumentException(what + " must have length classes x (features + 1) = "
                    + parameterCount() + ", got " + (theta == null ? "null" : theta.length));
        }
    }
}
