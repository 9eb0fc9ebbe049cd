package org.sae4j.deep;

import java.util.Arrays;

/**
 * The shape of a stacked network: {@code inputs} values, then {@code depth()} sigmoid encoder layers
 * of the given widths, then softmax over {@code classes}; and the weight decay λ of its fine-tuning.
 *
 * <p>Parameter layout, one block per layer from the bottom up: layer l's weights W_l
 * (widths[l] × width below, column-major) then its bias b_l; then softmax's block, which is
 * {@code SoftmaxRegression}'s θ (W of classes × widths[depth − 1], then the class biases). Each encoder
 * block is thus an autoencoder's (W1, b1), and the last block a softmax classifier's θ, as they are.
 *
 * <pre>
 * a¹ = x,  a^(l+1) = f(W_l a^l + b_l),  p = softmax(W_s a^(L+1) + b_s)
 * J = −(1/m) Σ_i log p(y_i | x_i) + λ/2 (Σ_l ‖W_l‖² + ‖W_s‖²)        (no decay on the biases)
 * </pre>
 */
public record StackedNetwork(int inputs, int[] widths, int classes, double lambda) {

    public StackedNetwork {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs at least 1 input, got " + inputs);
        }
        if (widths.length < 1) {
            throw new IllegalArgumentException("a network needs at least one encoder layer");
        }
        widths = widths.clone();
        for (int l = 0; l < widths.length; l++) {
            if (widths[l] < 1) {
                throw new IllegalArgumentException("layer " + (l + 1) + " must have at least 1 unit, got " + widths[l]);
            }
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        long count = 0;
        long below = inputs;
        for (int w : widths) {
            count += w * (below + 1);
            below = w;
        }
        count += classes * (below + 1);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a network of " + inputs + " inputs, layers " + Arrays.toString(widths)
                    + " and " + classes + " classes has " + count + " parameters, more than a Java array can hold");
        }
    }

    /** A copy of the widths. */
    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** The number of encoder layers. */
    public int depth() {
        return widths.length;
    }

    /** The width of level {@code level}: 0 is the input, 1 to depth() the encoder layers. */
    public int width(int level) {
        return level == 0 ? inputs : widths[level - 1];
    }

    /** The widest of the encoder layers. */
    public int widest() {
        return Arrays.stream(widths).max().orElseThrow();
    }

    /** Where layer {@code layer}'s W starts (layers 1 to depth(), then depth() + 1 for softmax). */
    public int weightOffset(int layer) {
        int offset = 0;
        for (int l = 1; l < layer; l++) {
            offset += blockSize(l);
        }
        return offset;
    }

    /** Where layer {@code layer}'s bias starts. */
    public int biasOffset(int layer) {
        return weightOffset(layer) + outputs(layer) * width(layer - 1);
    }

    /** Where softmax's θ starts. */
    public int softmaxOffset() {
        return weightOffset(depth() + 1);
    }

    /** The units layer {@code layer} computes: its width, or the classes for softmax. */
    public int outputs(int layer) {
        return layer == depth() + 1 ? classes : widths[layer - 1];
    }

    /** W and b of layer {@code layer}. */
    public int blockSize(int layer) {
        return outputs(layer) * (width(layer - 1) + 1);
    }

    /** The length of θ. */
    public int parameterCount() {
        return weightOffset(depth() + 2);
    }

    /** Throws unless θ has this network's length. */
    public void requireParameters(double[] theta, String what) {
        if (theta == null || theta.length != parameterCount()) {
            throw new IllegalArgumentException(what + " must have the network's " + parameterCount()
                    + " parameters, got " + (theta == null ? "null" : theta.length));
        }
    }

    /** The same shape with another fine-tuning weight decay. */
    public StackedNetwork withLambda(double l) {
        return new StackedNetwork(inputs, widths, classes, l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StackedNetwork n && n.inputs == inputs && Arrays.equals(n.widths, widths)
                && n.classes == classes && Double.compare(n.lambda, lambda) == 0;
    }

    @Override
    public int hashCode() {
        return (31 * inputs + Arrays.hashCode(widths)) * 31 + classes;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (int w : widths) {
            s.append('-').append(w);
        }
        return s.append('-').append(classes).append(" (lambda ").append(lambda).append(')').toString();
    }
}
