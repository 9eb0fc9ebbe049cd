package org.sae4j.spark;

/**
 * How a distributed evaluation meets the sparsity term, which needs ρ̂ over the whole set before any δ2.
 */
public enum Passes {
    /**
     * Two Spark jobs: the activation sums (hence ρ̂ and s), then the gradient sums with s broadcast. The
     * engine's kernels as they are, 10hvm flops; the blocks' activation caches carry a2 between the jobs.
     */
    TWO,
    /**
     * One Spark job: each partition also returns Σ f′(z2) xᵀ (h×v) and Σ f′(z2), and the driver adds the
     * sparsity term's share after. 12hvm flops, and an h×v array more per partition to collect.
     */
    ONE;

    /** The form the commands and {@link SparkTrainer} use unless told otherwise. */
    public static final Passes DEFAULT = TWO;
}
