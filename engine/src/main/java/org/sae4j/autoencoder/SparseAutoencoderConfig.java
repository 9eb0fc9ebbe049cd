package org.sae4j.autoencoder;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Configuration of a UFLDL sparse autoencoder: {@code visible} inputs, one sigmoid layer of
 * {@code hidden} units, a sigmoid or linear output layer ({@link OutputLayer}), squared reconstruction
 * error, weight decay {@code lambda} and a KL sparsity penalty of weight {@code beta} towards the target mean
 * activation {@code rho}.
 *
 * <p>Parameter layout (the UFLDL / MATLAB one): θ = [W1(:); W2(:); b1; b2], matrices column-major,
 * W1 of h×v at {@link #w1Offset()}, W2 of v×h at {@link #w2Offset()}, b1 at {@link #b1Offset()},
 * b2 at {@link #b2Offset()}; length 2hv + h + v.
 */
public record SparseAutoencoderConfig(int visible, int hidden, double rho, double lambda, double beta,
                                      OutputLayer outputLayer) {

    /** With the sigmoid output layer of the UFLDL exercise. */
    public SparseAutoencoderConfig(int visible, int hidden, double rho, double lambda, double beta) {
        this(visible, hidden, rho, lambda, beta, OutputLayer.SIGMOID);
    }

    public SparseAutoencoderConfig {
        Objects.requireNonNull(outputLayer, "outputLayer");
        if (visible < 1) {
            throw new IllegalArgumentException("visible must be >= 1, got " + visible);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("rho must be in (0, 1), got " + rho);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        if (parameterCount(visible, hidden) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("visible=" + visible + " x hidden=" + hidden
                    + " gives more parameters than a Java array can hold");
        }
    }

    /** The UFLDL exercise settings for the given sizes: ρ = 0.01, λ = 1e-4, β = 3. */
    public static SparseAutoencoderConfig ufldl(int visible, int hidden) {
        return new SparseAutoencoderConfig(visible, hidden, 0.01, 1e-4, 3);
    }

    /** The same autoencoder with another output layer. */
    public SparseAutoencoderConfig withOutputLayer(OutputLayer other) {
        return new SparseAutoencoderConfig(visible, hidden, rho, lambda, beta, other);
    }

    /** Length of θ for {@code visible} inputs and {@code hidden} units: 2hv + h + v. */
    public static long parameterCount(int visible, int hidden) {
        return 2L * hidden * visible + hidden + visible;
    }

    /** The h with 2hv + h + v = {@code length} for {@code visible} inputs, or -1 if there is none. */
    public static int hiddenForParameterCount(int visible, int length) {
        long rest = (long) length - visible;
        if (visible < 1 || rest <= 0 || rest % (2L * visible + 1) != 0) {
            return -1;
        }
        return (int) (rest / (2L * visible + 1));
    }

    /** Length of θ: 2hv + h + v. */
    public int parameterCount() {
        return (int) parameterCount(visible, hidden);
    }

    public int w1Offset() {
        return 0;
    }

    public int w2Offset() {
        return hidden * visible;
    }

    public int b1Offset() {
        return 2 * hidden * visible;
    }

    public int b2Offset() {
        return 2 * hidden * visible + hidden;
    }

    /**
     * The UFLDL initialisation: W1 and W2 uniform in (−r, r) with r = √6 / √(h + v + 1), biases zero.
     * The same seed always gives the same θ.
     */
    public double[] initialParameters(long seed) {
        double[] theta = new double[parameterCount()];
        double r = Math.sqrt(6) / Math.sqrt(hidden + visible + 1.0);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < b1Offset(); i++) {
            theta[i] = (2 * random.nextDouble() - 1) * r;
        }
        return theta;
    }

    /** Throws unless θ has this configuration's length. */
    public void requireParameters(double[] theta, String what) {
        if (theta == null || theta.length != parameterCount()) {
            throw new IllegalArgumentException(what + " must have length 2hv + h + v = " + parameterCount()
                    + " for visible=" + visible + ", hidden=" + hidden + ", got "
                    + (theta == null ? "null" : theta.length));
        }
    }
}
