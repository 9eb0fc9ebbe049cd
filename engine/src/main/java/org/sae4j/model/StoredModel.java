package org.sae4j.model;

import java.util.Objects;
import org.sae4j.data.Precision;

/**
 * A trained sparse autoencoder: its configuration, parameters θ = [W1(:); W2(:); b1; b2] (column-major,
 * length {@code 2hv + h + v}, as in the objective) and training metadata. The constructor checks that
 * everything is consistent, so a {@code StoredModel} is always usable. {@code theta} is shared, not
 * copied (models can be large), and record equality compares it by reference.
 *
 * @param visible   v, input dimension, {@code >= 1}
 * @param hidden    h, hidden units, {@code >= 1}
 * @param rho       target mean activation, in (0, 1)
 * @param lambda    weight decay, finite and {@code >= 0}
 * @param beta      sparsity weight, finite and {@code >= 0}
 * @param precision precision the model was trained in; {@link Precision#parse} spellings are accepted
 *                  and stored as {@code f64} or {@code f32}
 * @param theta     the parameters, all finite
 * @param metadata  how the model was trained
 */
public record StoredModel(int visible, int hidden, double rho, double lambda, double beta, String precision,
                          double[] theta, ModelMetadata metadata) {

    public StoredModel {
        if (visible < 1) {
            throw new IllegalArgumentException("visible units must be >= 1, got " + visible);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden units must be >= 1, got " + hidden);
        }
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("rho must be in (0, 1), got " + rho);
        }
        requireFiniteNonNegative("lambda", lambda);
        requireFiniteNonNegative("beta", beta);
        precision = Precision.parse(Objects.requireNonNull(precision, "precision")).shortName();
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(metadata, "metadata");
        long expected = parameterCount(visible, hidden);
        if (theta.length != expected) {
            throw new IllegalArgumentException("theta length must be 2hv + h + v = " + expected + " for v = "
                    + visible + ", h = " + hidden + ", got " + theta.length);
        }
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("theta[" + i + "] is " + theta[i]
                        + "; a model's parameters must be finite");
            }
        }
    }

    /** Length of θ for {@code visible} inputs and {@code hidden} units: {@code 2hv + h + v}. */
    public static long parameterCount(int visible, int hidden) {
        return 2L * hidden * visible + hidden + visible;
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
