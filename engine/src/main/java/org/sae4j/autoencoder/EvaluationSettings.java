package org.sae4j.autoencoder;

import java.util.Objects;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.precision.Precision;

/**
 * How an objective is evaluated: backend, threads, chunk size, precision. None of these change the
 * function, only rounding: for a fixed chunk size the result is bitwise identical for any thread count.
 *
 * @param backend              matrix backend for the products
 * @param threads              worker threads of the engine's own ForkJoin pool
 * @param chunkSize            the most samples per task, or {@link #AUTO_CHUNK} to choose it from the
 *                             data's shape ({@link #defaultChunkSize}); the chunks, hence the reduction
 *                             order and the last bits, depend on it
 * @param precision            precision of data, activations and products
 * @param activationCacheBytes hidden activations of the whole set are cached between the two passes
 *                             when they fit in this many bytes, else recomputed (one extra product)
 */
public record EvaluationSettings(MatrixBackend backend, int threads, int chunkSize, Precision precision,
                                 long activationCacheBytes) {

    /** A chunk size that asks for {@link #defaultChunkSize}: the chunks follow the data's shape. */
    public static final int AUTO_CHUNK = 0;

    /**
     * The smallest default chunk. The five products of one chunk, single thread (GemmHeadToHead, Intel
     * Xeon with AVX-512, JDK 25), at 256 samples run at 0.91–1.04 of their speed at 512 on shapes A, B and
     * C, f64 and f32, java and native; at 128 they fall to 0.80–0.86 in f32.
     */
    public static final int SMALLEST_DEFAULT_CHUNK = 256;

    /** The largest default chunk: no faster beyond it, and a worker's buffers grow with it. */
    public static final int LARGEST_DEFAULT_CHUNK = 512;

    /** Chunks the default aims for: 8 per core on 64 cores, so that the last round leaves few cores idle. */
    public static final int TARGET_CHUNKS = 512;

    /** Default cap for the activation cache: 2 GiB. */
    public static final long DEFAULT_ACTIVATION_CACHE_BYTES = 2L << 30;

    public EvaluationSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunk size must be >= 1, or AUTO_CHUNK, got " + chunkSize);
        }
        if (activationCacheBytes < 0) {
            throw new IllegalArgumentException("activation cache bytes must be >= 0, got " + activationCacheBytes);
        }
    }

    /**
     * The default chunk size of m samples of a {@code visible → hidden} model: m / {@value #TARGET_CHUNKS}
     * within [{@value #SMALLEST_DEFAULT_CHUNK}, {@value #LARGEST_DEFAULT_CHUNK}], and never more than m.
     * It depends on the data's shape alone, never on the threads, so the bits do not either: 10 000 samples
     * are 40 chunks of 250 (up to 40 cores busy), 60 000 are 235 of 255, and from 262 144 samples on the
     * chunks are 512.
     */
    public static int defaultChunkSize(int samples, int visible, int hidden) {
        if (samples < 1 || visible < 1 || hidden < 1) {
            throw new IllegalArgumentException("a chunk size needs samples, visible and hidden >= 1, got " + samples
                    + ", " + visible + ", " + hidden);
        }
        long perTarget = (samples + (long) TARGET_CHUNKS - 1) / TARGET_CHUNKS;
        int size = (int) Math.max(SMALLEST_DEFAULT_CHUNK, Math.min(LARGEST_DEFAULT_CHUNK, perTarget));
        return Math.min(size, samples);
    }

    /** The chunk size for m samples of this model: {@link #chunkSize()}, or the default when it is automatic. */
    public int chunkSizeFor(int samples, int visible, int hidden) {
        return chunkSize != AUTO_CHUNK ? Math.min(chunkSize, samples) : defaultChunkSize(samples, visible, hidden);
    }

    /**
     * All available processors, chunks from the data's shape, f64, and the automatic backend resolved now
     * for {@link GemmWorkload#standard(boolean) the standard workload} (see {@link MatrixBackends#auto}).
     */
    public static EvaluationSettings defaults() {
        return of(MatrixBackends.get(MatrixBackends.AUTO, GemmWorkload.standard(false)), Precision.F64);
    }

    /**
     * All available processors, chunks from the data's shape, {@code precision}, and the automatic
     * backend resolved now for this model's products in that precision.
     */
    public static EvaluationSettings defaults(SparseAutoencoderConfig config, Precision precision) {
        return of(MatrixBackends.get(MatrixBackends.AUTO, ChunkProducts.workload(config, precision)), precision);
    }

    /** All available processors, chunks from the data's shape, the default cache, this backend and precision. */
    public static EvaluationSettings of(MatrixBackend backend, Precision precision) {
        return new EvaluationSettings(backend, Runtime.getRuntime().availableProcessors(), AUTO_CHUNK,
                precision, DEFAULT_ACTIVATION_CACHE_BYTES);
    }

    public EvaluationSettings withBackend(MatrixBackend backend) {
        return new EvaluationSettings(backend, threads, chunkSize, precision, activationCacheBytes);
    }

    public EvaluationSettings withThreads(int threads) {
        return new EvaluationSettings(backend, threads, chunkSize, precision, activationCacheBytes);
    }

    public EvaluationSettings withChunkSize(int chunkSize) {
        return new EvaluationSettings(backend, threads, chunkSize, precision, activationCacheBytes);
    }

    public EvaluationSettings withPrecision(Precision precision) {
        return new EvaluationSettings(backend, threads, chunkSize, precision, activationCacheBytes);
    }

    public EvaluationSettings withActivationCacheBytes(long bytes) {
        return new EvaluationSettings(backend, threads, chunkSize, precision, bytes);
    }
}
