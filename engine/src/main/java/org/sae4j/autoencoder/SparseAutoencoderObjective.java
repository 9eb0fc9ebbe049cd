package org.sae4j.autoencoder;

import java.util.Arrays;
import java.util.Objects;
import org.sae4j.data.Dataset;
import org.sae4j.data.Precision;
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

    private final SparseAutoencoder config;
    private final EvaluationSettings settings;
    private final int samples;
    private final ChunkKernel kernel;
    private final ParallelRuntime runtime;
    private final boolean ownsRuntime;
    private final ChunkRunner runner;
    private final double[] chunkSums;
    private final double[] meanActivation;
    private final double[] sparsity;
    private final ChunkRunner.ChunkTask firstPass;
    private final ChunkRunner.ChunkTask secondPass;
    private final ChunkRunner.ChunkTask commit;
    private final double[] chunkSquaredError;
    private double[] gradientTarget;

    /**
     * @param config   the autoencoder
     * @param data     training set with {@code config.visible()} features per sample; converted once to
     *                 the settings' precision when it differs
     * @param settings backend, threads, chunk size, precision
     * @throws IllegalArgumentException if the data does not have {@code visible} features
     */
    public SparseAutoencoderObjective(SparseAutoencoder config, Dataset data, EvaluationSettings settings) {
        this(config, data, settings, ParallelRuntime.create(settings.threads()), true);
    }

    /**
     * An objective that runs on {@code runtime}'s threads (as many workers as it has), which its owner
     * closes: a training run shares one runtime between the objective and the optimiser.
     */
    public SparseAutoencoderObjective(SparseAutoencoder config, Dataset data, EvaluationSettings settings,
                                      ParallelRuntime runtime) {
        this(config, data, settings, runtime, false);
    }

    private SparseAutoencoderObjective(SparseAutoencoder config, Dataset data, EvaluationSettings settings,
                                       ParallelRuntime runtime, boolean ownsRuntime) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(data, "data");
        if (data.features() != config.visible()) {
            throw new IllegalArgumentException("the data has " + data.features()
                    + " features per sample but the autoencoder has visible = " + config.visible());
        }
        this.samples = data.samples();
        int chunkSize = Math.min(settings.chunkSize(), samples);
        int chunks = (samples + chunkSize - 1) / chunkSize;
        int workers = Math.min(runtime.threads(), chunks);
        int elementBytes = settings.precision() == Precision.F64 ? 8 : 4;
        long cacheElements = (long) config.hidden() * samples;
        boolean cached = cacheElements <= Integer.MAX_VALUE - 8
                && cacheElements * elementBytes <= settings.activationCacheBytes();
        Dataset x = data.toPrecision(settings.precision());
        this.kernel = settings.precision() == Precision.F64
                ? new F64ChunkKernel(config, settings.backend(), x.doubles(), samples, chunkSize, workers, cached)
                : new F32ChunkKernel(config, settings.backend(), x.floats(), samples, chunkSize, workers, cached);
        this.runner = new ChunkRunner(runtime);
        this.chunkSums = new double[chunks * config.hidden()];
        this.chunkSquaredError = new double[chunks];
        this.meanActivation = new double[config.hidden()];
        this.sparsity = new double[config.hidden()];
        this.firstPass = (worker, chunk) -> kernel.activationSums(worker, chunk, chunkSums, chunk * config.hidden());
        this.secondPass = (worker, chunk) -> chunkSquaredError[chunk] = kernel.chunkGradient(worker, chunk, sparsity);
        this.commit = (worker, chunk) -> kernel.addChunkGradient(worker, gradientTarget);
    }

    public SparseAutoencoder config() {
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
        double sparsityCost = firstPass(theta);
        Arrays.fill(gradient, 0);
        gradientTarget = gradient;
        try {
            runner.runOrdered(kernel.chunks, secondPass, commit);
        } finally {
            gradientTarget = null;
        }
        double squaredError = 0;
        for (double e : chunkSquaredError) {
            squaredError += e;
        }
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
        return squaredError / (2.0 * samples) + 0.5 * lambda * decay + config.beta() * sparsityCost;
    }

    /**
     * The mean activation ρ̂ of every hidden unit over the whole training set at θ (unclamped).
     *
     * @return a new array of length h
     */
    public synchronized double[] meanActivations(double[] theta) {
        config.requireParameters(theta, "theta");
        firstPass(theta);
        return meanActivation.clone();
    }

    /**
     * Runs the first pass: ρ̂ into {@link #meanActivation}, the sparsity term s into {@link #sparsity}.
     *
     * @return Σ_j KL(ρ ‖ ρ̂_j), not yet multiplied by β
     */
    private double firstPass(double[] theta) {
        kernel.prepare(theta);
        runner.run(kernel.chunks, firstPass);
        int h = config.hidden();
        Arrays.fill(meanActivation, 0);
        for (int c = 0; c < kernel.chunks; c++) {
            for (int j = 0; j < h; j++) {
                meanActivation[j] += chunkSums[c * h + j];
            }
        }
        double rho = config.rho();
        double beta = config.beta();
        double kl = 0;
        for (int j = 0; j < h; j++) {
            meanActivation[j] /= samples;
            double r = Math.min(Math.max(meanActivation[j], RHO_HAT_EPSILON), 1 - RHO_HAT_EPSILON);
            kl += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
            sparsity[j] = beta * (-rho / r + (1 - rho) / (1 - r));
        }
        return kl;
    }

    /** Ends the worker threads, unless the runtime was passed in (its owner closes it). */
    @Override
    public void close() {
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
