package org.sae4j.autoencoder;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.parallel.Chunks;

/**
 * The per-chunk work of one evaluation in one precision, over near-equal {@link Chunks} of the samples.
 * Each worker slot computes in a workspace of {@link ChunkWorkspaces} (the kernel's own, or lent to it
 * by a caller that evaluates many blocks), with a reader of the kernel's that brings its chunk's samples
 * in (in place from a heap array, or converted from their store).
 *
 * <p>An evaluation is {@link #prepare}, then {@link #activationSums} for every chunk, then, once the
 * caller has ρ̂ and the sparsity term s, {@link #chunkGradient} for every chunk, each followed (in
 * chunk order) by {@link #addChunkGradient}.
 */
abstract class ChunkKernel {
    final SparseAutoencoderConfig config;
    final MatrixBackend backend;
    final int v;
    final int h;
    final Chunks plan;
    final int chunks;
    /** Whether the hidden activations of all samples are kept from the first pass to the second. */
    final boolean cached;
    /** Whether the workspaces hold the one-pass form's extra sums. */
    final boolean onePass;

    ChunkKernel(SparseAutoencoderConfig config, MatrixBackend backend, Chunks plan, boolean cached, boolean onePass) {
        if (cached && onePass) {
            throw new IllegalArgumentException("the one-pass form keeps no activation cache");
        }
        this.config = config;
        this.backend = backend;
        this.v = config.visible();
        this.h = config.hidden();
        this.plan = plan;
        this.chunks = plan.count();
        this.cached = cached;
        this.onePass = onePass;
    }

    final int first(int chunk) {
        return plan.first(chunk);
    }

    final int count(int chunk) {
        return plan.size(chunk);
    }

    /**
     * Computes from now on in {@code workspaces} (of this kernel's precision), which must fit its workers,
     * chunks and form.
     */
    abstract void use(ChunkWorkspaces workspaces);

    /** Takes the parameters of this evaluation (converting them if the precision needs it). */
    abstract void prepare(double[] theta);

    /** First pass: writes Σ_i a2[j, i] over the chunk's samples into {@code sums[offset + j]}. */
    abstract void activationSums(int worker, int chunk, double[] sums, int offset);

    /**
     * Second pass: this chunk's unscaled gradient contributions (δ2 Xᵀ, δ3 a2ᵀ and the δ column sums)
     * into the worker's workspace, given the sparsity term {@code s}.
     *
     * @return Σ over the chunk of ‖a3 − x‖²
     */
    abstract double chunkGradient(int worker, int chunk, double[] sparsity);

    /**
     * Adds the part of the worker's last chunk gradient at θ indices [from, to) into {@code gradient}
     * (θ layout): commits of disjoint ranges may run at the same time.
     */
    abstract void addChunkGradient(int worker, double[] gradient, int from, int to);

    /**
     * Both passes in one, for a kernel made for it: the chunk's Σ a2, its gradient sums without the
     * sparsity term (δ2 = W2ᵀδ3 ∘ f′(z2)), and Σ f′(z2) xᵀ and Σ f′(z2), from which the caller adds the
     * sparsity term's share once ρ̂ is known: ∇W1 += diag(s)·Σ f′xᵀ, ∇b1 += s ∘ Σ f′. Costs one h×v×n
     * product more than {@link #chunkGradient}.
     *
     * @return Σ over the chunk of ‖a3 − x‖²
     */
    abstract double chunkGradientOnePass(int worker, int chunk);

    /** Adds the worker's last one-pass extra sums: Σ a2 (h), Σ f′(z2) xᵀ (h × v, W1's layout) and Σ f′(z2) (h). */
    abstract void addOnePassSums(int worker, double[] activationSums, double[] fPrimeX, double[] fPrimeSums);

    /** Adds values[i] into target[offset + i] for the i with offset + i in [from, to). */
    static void addRange(double[] target, int offset, double[] values, int from, int to) {
        int end = Math.min(to, offset + values.length);
        for (int t = Math.max(from, offset); t < end; t++) {
            target[t] += values[t - offset];
        }
    }

    static void addRange(double[] target, int offset, float[] values, int from, int to) {
        int end = Math.min(to, offset + values.length);
        for (int t = Math.max(from, offset); t < end; t++) {
            target[t] += values[t - offset];
        }
    }

    static void add(double[] target, int offset, double[] values) {
        for (int i = 0; i < values.length; i++) {
            target[offset + i] += values[i];
        }
    }

    static void add(double[] target, int offset, float[] values) {
        for (int i = 0; i < values.length; i++) {
            target[offset + i] += values[i];
        }
    }
}
