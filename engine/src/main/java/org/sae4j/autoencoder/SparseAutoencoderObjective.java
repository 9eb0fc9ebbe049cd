package org.sae4j.autoencoder;

import java.util.Arrays;
import java.util.Objects;
import org.sae4j.data.Dataset;
import org.sae4j.optim.DifferentiableFunction;
import org.sae4j.parallel.ParallelRuntime;

/**
 * The sparse-autoencoder cost J(θ) and its exact gradient on a fixed training set, evaluated in
 * parallel on a {@link ParallelRuntime} (see {@code docs/objective.md} for the formulas).
 *
 * <p><b>Exactness of the sparsity term.</b> ρ̂ is the mean hidden activation over the WHOLE set, so
 * δ2 of any sample depends on every sample. Evaluation runs in two passes: the first computes the
 * hidden activations of every chunk and their sums (reduced in chunk order into ρ̂), the second the
 * output layer, the deltas and the gradient products, now that the sparsity term s is known. The
 * hidden activations are kept between the passes when they fit in
 * {@link EvaluationSettings#activationCacheBytes()} (five products per evaluation, the minimum), and
 * are recomputed otherwise (six products).
 *
 * <p><b>Clamping.</b> ρ̂ is clamped into [{@value #RHO_HAT_EPSILON}, 1 − {@value #RHO_HAT_EPSILON}]
 * before the KL term and s are computed, the same clamped value in both, so a saturated unit gives a
 * large but finite cost and gradient instead of infinities.
 *
 * <p><b>Determinism.</b> Chunk results are reduced in chunk order, so for a fixed chunk size J and ∇J
 * are bitwise identical for any thread count.
 *
 * <p><b>Memory.</b> All buffers (per-worker workspaces, the activation cache, per-chunk sums) are
 * created by the constructor; an evaluation allocates nothing proportional to m, h or v.
 *
 * <p>Evaluations are serialised: one objective evaluates one θ at a time. Close it to stop its threads.
 */
public final class SparseAutoencoderObjective implements DifferentiableFunction, AutoCloseable {

    /** Clamp for ρ̂; see the class documentation. */
    public static final double RHO_HAT_EPSILON = 1e-12;

    private final SparseAutoencoderConfig config;
    private final EvaluationSettings settings;
    private final int samples;
    private final ParallelRuntime runtime;
    private final boolean ownsRuntime;
    private final BlockSums block;
    private final SparsityPenalty penalty;
    private final double[] activationSums;
    private final Dataset data;

    /**
     * @param config   the autoencoder
     * @param data     training set with {@code config.visible()} features per sample; converted once to
     *                 the settings' precision when it differs
     * @param settings backend, threads, chunk size, precision
     * @throws IllegalArgumentException if the data does not have {@code visible} features
     */
    public SparseAutoencoderObjective(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings) {
        this(config, data, settings, ParallelRuntime.create(settings.threads()), true);
    }

    /**
     * An objective that runs on {@code runtime}'s threads (as many workers as it has), which its owner
     * closes: a training run shares one runtime between the objective and the optimiser.
     */
    public SparseAutoencoderObjective(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings,
                                      ParallelRuntime runtime) {
        this(config, data, settings, runtime, false);
    }

    private SparseAutoencoderObjective(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings,
                                       ParallelRuntime runtime, boolean ownsRuntime) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.block = new BlockSums(config, Objects.requireNonNull(data, "data"), settings, runtime);
        this.samples = data.samples();
        this.data = data;
        this.penalty = new SparsityPenalty(config);
        this.activationSums = new double[config.hidden()];
    }

    public SparseAutoencoderConfig config() {
        return config;
    }

    public EvaluationSettings settings() {
        return settings;
    }

    /** Number of training samples m. */
    public int samples() {
        return samples;
    }

    /** Length of θ. */
    @Override
    public int dimension() {
        return config.parameterCount();
    }

    /**
     * Computes J(θ) and writes ∇J(θ) into {@code gradient}.
     *
     * @param theta    parameters in the UFLDL layout (not modified)
     * @param gradient receives ∇J, same length as θ
     * @return J(θ)
     */
    @Override
    public synchronized double evaluate(double[] theta, double[] gradient) {
        config.requireParameters(theta, "theta");
        config.requireParameters(gradient, "gradient");
        try {
            firstPass(theta);
            Arrays.fill(gradient, 0);
            double squaredError = block.addGradientSums(theta, penalty.sparsity(), gradient);
            return finish(config, theta, gradient, squaredError, penalty.divergence(), samples);
        } catch (InternalError e) {
            // a fault reading a mapped file that some JVMs deliver a little after the read that made it
            throw data.named(e);
        }
    }

    /**
     * Turns the sums of all samples into J and ∇J: scales the gradient sums in {@code gradient} by 1/m
     * and adds the weight decay, in place.
     *
     * @param squaredError Σ ‖a3 − x‖² over the m samples
     * @param divergence   Σ_j KL(ρ ‖ ρ̂_j) ({@link SparsityPenalty#divergence()})
     * @return J
     */
    public static double finish(SparseAutoencoderConfig config, double[] theta, double[] gradient, double squaredError,
                                double divergence, long samples) {
        int weights = config.b1Offset();
        double lambda = config.lambda();
        double decay = 0;
        double scale = 1.0 / samples;
        for (int i = 0; i < weights; i++) {
            double w = theta[i];
            decay += w * w;
            gradient[i] = gradient[i] * scale + lambda * w;
        }
        for (int i = weights; i < gradient.length; i++) {
            gradient[i] *= scale;
        }
        return squaredError / (2.0 * samples) + 0.5 * lambda * decay + config.beta() * divergence;
    }

    /**
     * The mean activation ρ̂ of every hidden unit over the whole training set at θ (unclamped).
     *
     * @return a new array of length h
     */
    public synchronized double[] meanActivations(double[] theta) {
        config.requireParameters(theta, "theta");
        firstPass(theta);
        return penalty.meanActivations();
    }

    /** The first pass: ρ̂ and the sparsity term into {@link #penalty}. */
    private void firstPass(double[] theta) {
        Arrays.fill(activationSums, 0);
        block.addActivationSums(theta, activationSums);
        penalty.update(activationSums, samples);
    }

    /** Ends the worker threads, unless the runtime was passed in (its owner closes it). */
    @Override
    public void close() {
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
