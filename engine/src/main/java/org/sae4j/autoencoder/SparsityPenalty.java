package org.sae4j.autoencoder;

import java.util.Arrays;

/**
 * The sparsity term of the whole training set, from the hidden activations' sums: ρ̂, Σ KL(ρ ‖ ρ̂_j)
 * and the term s = β(−ρ/ρ̂ + (1 − ρ)/(1 − ρ̂)) that enters every δ2. ρ̂ is clamped into
 * [{@value SparseAutoencoderObjective#RHO_HAT_EPSILON}, 1 − {@value SparseAutoencoderObjective#RHO_HAT_EPSILON}]
 * before both, so a saturated unit gives a large but finite cost. Its arrays are reused by every update.
 */
public final class SparsityPenalty {
    private final SparseAutoencoderConfig config;
    private final double[] meanActivation;
    private final double[] sparsity;
    private double divergence;

    public SparsityPenalty(SparseAutoencoderConfig config) {
        this.config = config;
        this.meanActivation = new double[config.hidden()];
        this.sparsity = new double[config.hidden()];
    }

    /** Takes Σ a2 over all {@code samples} samples (length h). */
    public void update(double[] activationSums, long samples) {
        double rho = config.rho();
        double beta = config.beta();
        double kl = 0;
        for (int j = 0; j < meanActivation.length; j++) {
            meanActivation[j] = activationSums[j] / samples;
            double r = Math.min(Math.max(meanActivation[j], SparseAutoencoderObjective.RHO_HAT_EPSILON),
                    1 - SparseAutoencoderObjective.RHO_HAT_EPSILON);
            kl += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
            sparsity[j] = beta * (-rho / r + (1 - rho) / (1 - r));
        }
        divergence = kl;
    }

    /** Σ_j KL(ρ ‖ ρ̂_j) of the last update, not yet multiplied by β. */
    public double divergence() {
        return divergence;
    }

    /** The term s of the last update, for {@link BlockSums#addGradientSums}; the array itself, not a copy. */
    public double[] sparsity() {
        return sparsity;
    }

    /** ρ̂ of the last update (unclamped); a copy. */
    public double[] meanActivations() {
        return Arrays.copyOf(meanActivation, meanActivation.length);
    }
}
