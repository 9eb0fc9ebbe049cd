package org.sae4j.autoencoder;

import java.util.Arrays;
import java.util.Objects;
import org.sae4j.data.Dataset;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * The sums one block of samples contributes to J and ∇J, computed by the training engine's chunk kernels
 * on a {@link ParallelRuntime} and reduced in chunk order. {@link SparseAutoencoderObjective} is one block
 * over the whole training set; a distributed evaluation (the Spark module) keeps one per block, adds the
 * blocks' sums in a fixed order, and finishes with {@link SparsityPenalty} and
 * {@link SparseAutoencoderObjective#finish}.
 *
 * <p>An evaluation is {@link #addActivationSums} (the first pass, which gives ρ̂), then
 * {@link #addGradientSums} with the sparsity term. Every buffer is made by the constructor; the passes
 * allocate nothing. Not thread-safe: one caller at a time.
 */
public final class BlockSums {
    /** The fewest θ entries worth a slice of their own in the ordered commit. */
    private static final int MIN_SLICE = 4096;
    private final SparseAutoencoderConfig config;
    private final int samples;
    private final Dataset data;
    private final ChunkKernel kernel;
    private final ChunkRunner runner;
    private final double[] chunkSums;
    private final double[] chunkSquaredError;
    /** θ of the hidden activations in the cache, or null for a block that keeps none. */
    private final double[] cachedTheta;
    private boolean cacheFilled;
    private final ChunkRunner.ChunkTask firstPass;
    private final ChunkRunner.ChunkTask secondPass;
    private final ChunkRunner.SliceTask commit;
    private final ChunkRunner.ChunkTask onePass;
    private final ChunkRunner.SliceTask onePassCommit;
    /** Slices of θ committed each in its own turn; cut finer than the workers so that they rarely wait. */
    private final int commitSlices;
    private double[] sparsity;
    private double[] gradientTarget;
    private double[] activationTarget;
    private double[] fPrimeXTarget;
    private double[] fPrimeSumsTarget;

    /**
     * @param block    the block's samples, {@code config.visible()} features each, from any store: heap
     *                 arrays of the settings' precision are read in place, anything else is read chunk by
     *                 chunk into the workers' buffers (heap arrays of the other precision are converted
     *                 once first)
     * @param settings backend, chunk size, precision and activation cache (the threads are the runtime's)
     * @param runtime  the threads the chunks run on; its owner closes it
     * @throws IllegalArgumentException if the block does not have {@code visible} features
     */
    public BlockSums(SparseAutoencoderConfig config, Dataset block, EvaluationSettings settings,
                     ParallelRuntime runtime) {
        this(config, block, settings, runtime, false);
    }

    /**
     * @param onePass whether the block is evaluated in one pass ({@link #addOnePassSums}) rather than two;
     *                such a block keeps no activation cache, and its workspaces hold an h×v sum more
     */
    public BlockSums(SparseAutoencoderConfig config, Dataset block, EvaluationSettings settings,
                     ParallelRuntime runtime, boolean onePass) {
        this(config, block, settings, runtime, onePass, null);
    }

    /**
     * A block that computes in workspaces lent to it ({@link #use}) rather than its own, so that many
     * blocks share the memory of a few: an executor's task slots on Spark.
     *
     * @param lent the workspaces to start with (of the settings' precision, for at least the runtime's
     *             threads and this block's chunks), or null for the block's own
     */
    public BlockSums(SparseAutoencoderConfig config, Dataset block, EvaluationSettings settings,
                     ParallelRuntime runtime, boolean onePass, ChunkWorkspaces lent) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(block, "block");
        if (block.features() != config.visible()) {
            throw new IllegalArgumentException("the data has " + block.features()
                    + " features per sample but the autoencoder has visible = " + config.visible());
        }
        this.samples = block.samples();
        this.data = block.toPrecision(settings.precision());
        Chunks plan = Chunks.of(samples, settings.chunkSizeFor(samples, config.visible(), config.hidden()));
        int chunks = plan.count();
        int workers = Math.min(runtime.threads(), chunks);
        boolean cached = !onePass && cachesActivations(config, samples, settings);
        ChunkWorkspaces workspaces = lent != null ? lent
                : ChunkWorkspaces.own(config, settings.precision(), workers, plan.largest(), cached, onePass);
        if (workspaces.precision() != settings.precision()) {
            throw new IllegalArgumentException("the workspaces are " + workspaces.precision().shortName()
                    + ", the block is evaluated in " + settings.precision().shortName());
        }
        this.kernel = settings.precision() == Precision.F64
                ? new F64ChunkKernel(config, settings.backend(), data, plan, workers, cached, onePass, workspaces)
                : new F32ChunkKernel(config, settings.backend(), data, plan, workers, cached, onePass, workspaces);
        this.runner = new ChunkRunner(runtime);
        this.chunkSums = new double[chunks * config.hidden()];
        this.chunkSquaredError = new double[chunks];
        this.cachedTheta = cached ? new double[config.parameterCount()] : null;
        this.firstPass = (worker, chunk) -> kernel.activationSums(worker, chunk, chunkSums, chunk * config.hidden());
        this.secondPass = (worker, chunk) -> chunkSquaredError[chunk] = kernel.chunkGradient(worker, chunk, sparsity);
        int n = config.parameterCount();
        this.commitSlices = workers <= 1 ? 1 : Math.max(1, Math.min(4 * workers, n / MIN_SLICE));
        this.commit = (worker, chunk, slice) -> kernel.addChunkGradient(worker, gradientTarget,
                sliceStart(slice), sliceStart(slice + 1));
        this.onePass = (worker, chunk) -> chunkSquaredError[chunk] = kernel.chunkGradientOnePass(worker, chunk);
        this.onePassCommit = (worker, chunk, slice) -> {
            kernel.addChunkGradient(worker, gradientTarget, sliceStart(slice), sliceStart(slice + 1));
            if (slice == commitSlices - 1) {
                kernel.addOnePassSums(worker, activationTarget, fPrimeXTarget, fPrimeSumsTarget);
            }
        };
    }

    /**
     * Whether the two-pass form keeps the hidden activations of {@code samples} samples between its passes:
     * when they fit in one array and in the settings' cache budget.
     */
    public static boolean cachesActivations(SparseAutoencoderConfig config, int samples, EvaluationSettings settings) {
        long elements = (long) config.hidden() * samples;
        int elementBytes = settings.precision() == Precision.F64 ? 8 : 4;
        return elements <= Integer.MAX_VALUE - 8 && elements * elementBytes <= settings.activationCacheBytes();
    }

    private int sliceStart(int slice) {
        return (int) ((long) config.parameterCount() * slice / commitSlices);
    }

    /** The block's samples. */
    public int samples() {
        return samples;
    }

    /** The near-equal chunks the block is cut into (at most the settings' chunk size, or the shape's default). */
    public int chunks() {
        return kernel.chunks;
    }

    /**
     * The first pass at θ: adds Σ a2 over the block's samples (length h) into {@code sums}, chunk by
     * chunk in order.
     */
    public void addActivationSums(double[] theta, double[] sums) {
        config.requireParameters(theta, "theta");
        if (sums.length != config.hidden()) {
            throw new IllegalArgumentException("sums must have h = " + config.hidden() + " entries, got "
                    + sums.length);
        }
        data.requireUnchanged();
        kernel.prepare(theta);
        if (kernel.cached) {
            fillCache(theta);
        } else {
            run(firstPass);
        }
        int h = config.hidden();
        for (int c = 0; c < kernel.chunks; c++) {
            for (int j = 0; j < h; j++) {
                sums[j] += chunkSums[c * h + j];
            }
        }
    }

    /**
     * The second pass at θ, given the sparsity term s of the whole set: adds the block's unscaled
     * gradient sums (δ2 Xᵀ, δ3 a2ᵀ and the δ sums, θ layout) into {@code gradient}, chunk by chunk in
     * order. When the last first pass was at another θ (a distributed second pass may run where the
     * first did not), the hidden activations are computed again first, with the same result.
     *
     * @return Σ over the block of ‖a3 − x‖², summed in chunk order
     */
    public double addGradientSums(double[] theta, double[] sparsity, double[] gradient) {
        config.requireParameters(theta, "theta");
        config.requireParameters(gradient, "gradient");
        if (sparsity.length != config.hidden()) {
            throw new IllegalArgumentException("the sparsity term must have h = " + config.hidden()
                    + " entries, got " + sparsity.length);
        }
        kernel.prepare(theta);
        if (kernel.cached && !(cacheFilled && Arrays.equals(theta, cachedTheta))) {
            fillCache(theta);
        }
        this.sparsity = sparsity;
        this.gradientTarget = gradient;
        try {
            runOrdered(secondPass, commit);
        } finally {
            this.sparsity = null;
            this.gradientTarget = null;
        }
        double squaredError = 0;
        for (double e : chunkSquaredError) {
            squaredError += e;
        }
        return squaredError;
    }

    /**
     * Both passes at once, for a block made with {@code onePass}: adds Σ a2 (h) into
     * {@code activationSums}, the gradient sums without the sparsity term into {@code gradient}, and
     * Σ f′(z2) xᵀ (h × v, W1's layout) and Σ f′(z2) (h) into {@code fPrimeX} and {@code fPrimeSums}, chunk
     * by chunk in order. Once ρ̂ and s are known, {@link #addSparsityTerm} completes the gradient.
     *
     * @return Σ over the block of ‖a3 − x‖², summed in chunk order
     */
    public double addOnePassSums(double[] theta, double[] gradient, double[] activationSums, double[] fPrimeX,
                                 double[] fPrimeSums) {
        if (!kernel.onePass) {
            throw new IllegalStateException("this block was made for two passes");
        }
        config.requireParameters(theta, "theta");
        config.requireParameters(gradient, "gradient");
        int h = config.hidden();
        if (activationSums.length != h || fPrimeSums.length != h || fPrimeX.length != h * config.visible()) {
            throw new IllegalArgumentException("the one-pass sums must have h, h x v and h entries");
        }
        data.requireUnchanged();
        kernel.prepare(theta);
        gradientTarget = gradient;
        activationTarget = activationSums;
        fPrimeXTarget = fPrimeX;
        fPrimeSumsTarget = fPrimeSums;
        try {
            runOrdered(onePass, onePassCommit);
        } finally {
            gradientTarget = null;
            activationTarget = null;
            fPrimeXTarget = null;
            fPrimeSumsTarget = null;
        }
        double squaredError = 0;
        for (double e : chunkSquaredError) {
            squaredError += e;
        }
        return squaredError;
    }

    /**
     * Adds the sparsity term's share to one-pass gradient sums of the whole set:
     * ∇W1 += diag(s)·Σ f′(z2) xᵀ and ∇b1 += s ∘ Σ f′(z2).
     */
    public static void addSparsityTerm(SparseAutoencoderConfig config, double[] gradient, double[] sparsity,
                                       double[] fPrimeX, double[] fPrimeSums) {
        int h = config.hidden();
        int w1 = config.w1Offset();
        for (int i = 0; i < fPrimeX.length; i++) {
            gradient[w1 + i] += sparsity[i % h] * fPrimeX[i];
        }
        int b1 = config.b1Offset();
        for (int j = 0; j < h; j++) {
            gradient[b1 + j] += sparsity[j] * fPrimeSums[j];
        }
    }

    private void run(ChunkRunner.ChunkTask task) {
        try {
            runner.run(kernel.chunks, task);
        } catch (InternalError e) {
            throw data.named(e);
        }
    }

    private void runOrdered(ChunkRunner.ChunkTask task, ChunkRunner.SliceTask sliceCommit) {
        try {
            runner.runOrdered(kernel.chunks, task, commitSlices, sliceCommit);
        } catch (InternalError e) {
            throw data.named(e);
        }
    }

    /** The first pass, which also fills the cache with the hidden activations at θ. */
    private void fillCache(double[] theta) {
        cacheFilled = false;
        run(firstPass);
        System.arraycopy(theta, 0, cachedTheta, 0, theta.length);
        cacheFilled = true;
    }

    /**
     * Computes from now on in {@code workspaces}, lent by a caller that evaluates blocks one after another
     * in the same few workspaces; they must be of this block's precision, for at least its workers and
     * chunks, and free while the block uses them.
     */
    public void use(ChunkWorkspaces workspaces) {
        kernel.use(workspaces);
    }

    /** Whether the block keeps its hidden activations between the passes. */
    public boolean caches() {
        return kernel.cached;
    }
}
