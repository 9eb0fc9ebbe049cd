package org.sae4j.autoencoder;

import java.util.Objects;
import org.sae4j.precision.Precision;

/**
 * The scratch memory of an evaluation's workers, and its copy of the weights, for one shape and
 * precision: made once, then used by one {@link BlockSums} at a time. A block keeps its own unless it
 * is given these; a caller that evaluates many blocks (an executor's task slot, on Spark) makes one per
 * slot and lends it to each block in turn ({@link BlockSums#use}), so that the memory grows with the
 * slots, not the blocks. Not thread-safe.
 */
public final class ChunkWorkspaces {
    final Precision precision;
    /** The kernel's own representation: F32ChunkKernel.Workspaces or F64ChunkKernel.Workspaces. */
    final Object kernelState;
    private final int workers;
    private final int chunk;
    private final boolean onePass;
    private final long bytes;

    private ChunkWorkspaces(SparseAutoencoderConfig config, Precision precision, int workers, int chunk, boolean hasA2,
                            boolean onePass) {
        if (workers < 1 || chunk < 1) {
            throw new IllegalArgumentException("workspaces need >= 1 worker and chunks of >= 1 sample, got " + workers
                    + " and " + chunk);
        }
        this.precision = Objects.requireNonNull(precision, "precision");
        this.workers = workers;
        this.chunk = chunk;
        this.onePass = onePass;
        this.kernelState = precision == Precision.F64
                ? new F64ChunkKernel.Workspaces(config, workers, chunk, hasA2, onePass)
                : new F32ChunkKernel.Workspaces(config, workers, chunk, hasA2, onePass);
        this.bytes = bytes(config, precision, workers, chunk, hasA2, onePass);
    }

    /**
     * Workspaces for {@code workers} workers and chunks of up to {@code chunk} samples, for blocks of any
     * kind (cached or not; two passes, or one if {@code onePass}).
     */
    public static ChunkWorkspaces of(SparseAutoencoderConfig config, Precision precision, int workers, int chunk,
                                     boolean onePass) {
        return new ChunkWorkspaces(config, precision, workers, chunk, true, onePass);
    }

    /** A block's own: without the hidden activations' scratch when the block caches them. */
    static ChunkWorkspaces own(SparseAutoencoderConfig config, Precision precision, int workers, int chunk,
                               boolean cached, boolean onePass) {
        return new ChunkWorkspaces(config, precision, workers, chunk, !cached, onePass);
    }

    /**
     * The bytes they hold: per worker a2, a3 and d2 of a chunk, the ∇W1 and ∇W2 sums, the bias sums (and
     * the one-pass form's h×v more), plus one copy of θ in the precision.
     */
    public static long bytes(SparseAutoencoderConfig config, Precision precision, int workers, int chunk,
                             boolean hasA2, boolean onePass) {
        long e = precision == Precision.F64 ? 8 : 4;
        long v = config.visible();
        long h = config.hidden();
        long perWorker = ((hasA2 ? h : 0) + v + h) * chunk * e + 2 * h * v * e + 8 * (h + v)
                + (onePass ? h * v * e + 16 * h : 0);
        return workers * perWorker + config.parameterCount() * e;
    }

    public int workers() {
        return workers;
    }

    public int chunk() {
        return chunk;
    }

    public boolean onePass() {
        return onePass;
    }

    public Precision precision() {
        return precision;
    }

    /** What {@link #bytes(SparseAutoencoderConfig, Precision, int, int, boolean, boolean)} gives for these. */
    public long bytes() {
        return bytes;
    }
}
