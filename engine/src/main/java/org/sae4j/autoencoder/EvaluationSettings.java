package org.sae4j.autoencoder;

import java.util.Objects;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.data.Precision;

/**
 * How an objective is evaluated: backend, threads, chunk size, precision. None of these change the
 * function, only rounding: for a fixed chunk size the result is bitwise identical for any thread count.
 *
 * @param backend              matrix backend for the products
 * @param threads              worker threads of the engine's own ForkJoin pool
 * @param chunkSize            samples per task; the reduction order, hence the last bits, depend on it
 * @param precision            precision of data, activations and products
 * @param activationCacheBytes hidden activations of the whole set are cached between the two passes
 *                             when they fit in this many bytes, else recomputed (one extra product)
 */
public record EvaluationSettings(MatrixBackend backend, int threads, int chunkSize, Precision precision,
                                 long activationCacheBytes) {

    /**
     * Default samples per chunk. Measured with {@code EvaluationBenchmark} (f64, 2 threads, chunk 256,
     * 512, 1024, 2048): on shapes A and B the time per evaluation is flat from 256 to 1024 and worse at
     * 2048, so the smallest chunk that costs nothing on two cores is taken: it gives more chunks than
     * threads on many-core machines (m = 10 000 makes 20 chunks), and the chunk size must not depend
     * on the thread count, since it fixes the reduction order and hence the bits of the result.
     */
    public static final int DEFAULT_CHUNK_SIZE = 512;

    /** Default cap for the activation cache: 2 GiB. */
    public static final long DEFAULT_ACTIVATION_CACHE_BYTES = 2L << 30;

    public EvaluationSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
        }
        if (activationCacheBytes < 0) {
            throw new IllegalArgumentException("activation cache bytes must be >= 0, got " + activationCacheBytes);
        }
    }

    /**
     * All available processors, default chunk size, f64, and the automatic backend resolved now for
     * {@link GemmWorkload#standard(boolean) the standard workload} (see {@link MatrixBackends#auto}).
     */
    public static EvaluationSettings defaults() {
        return of(MatrixBackends.get(MatrixBackends.AUTO, GemmWorkload.standard(false)), Precision.F64);
    }

    /**
     * All available processors, default chunk size, {@code precision}, and the automatic backend
     * resolved now for this model's products in that precision.
     */
    public static EvaluationSettings defaults(SparseAutoencoder config, Precision precision) {
        return of(MatrixBackends.get(MatrixBackends.AUTO, ChunkProducts.workload(config, precision)), precision);
    }

    /** All available processors, default chunk size and cache, with this backend and precision. */
    public static EvaluationSettings of(MatrixBackend backend, Precision precision) {
        return new EvaluationSettings(backend, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK_SIZE,
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
