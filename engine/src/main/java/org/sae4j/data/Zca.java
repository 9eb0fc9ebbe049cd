package org.sae4j.data;

import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/**
 * ZCA whitening: x ↦ W (x − μ) with W = U diag(1/√(λ + ε)) Uᵀ, where μ is the per-feature mean and
 * U diag(λ) Uᵀ the covariance (1/m normalisation) of the fitting data. The whitened data have
 * covariance U diag(λ/(λ + ε)) Uᵀ: the identity when ε = 0, with ε damping low-variance directions.
 *
 * <p>The mean and the covariance stream over the set in chunks of {@value #CHUNK} samples on a
 * {@link ParallelRuntime}, from any store (a mapped file too), each chunk's sums added in chunk order,
 * so the result is the same on any number of threads.
 */
public final class Zca {
    /** Samples per task of the streaming passes; fixed, so that the sums' order is. */
    static final int CHUNK = 512;
    /** The least θ-like entries a slice of the covariance commit holds. */
    private static final int MIN_SLICE = 4096;

    private final int features;
    private final double[] mean;
    private final double[] matrix;

    private Zca(int features, double[] mean, double[] matrix) {
        this.features = features;
        this.mean = mean;
        this.matrix = matrix;
    }

    /** Fits on {@code data} and returns it whitened, in the same precision, on the calling thread. */
    public static Dataset whiten(Dataset data, double epsilon) {
        return whiten(data, epsilon, ParallelRuntime.singleThreaded());
    }

    /** Fits on {@code data} and returns it whitened, in the same precision, on {@code runtime}. */
    public static Dataset whiten(Dataset data, double epsilon, ParallelRuntime runtime) {
        return fit(data, epsilon, runtime).apply(data, runtime);
    }

    /** {@link #fit(Dataset, double, ParallelRuntime)} on the calling thread. */
    public static Zca fit(Dataset data, double epsilon) {
        return fit(data, epsilon, ParallelRuntime.singleThreaded());
    }

    /**
     * Computes mean, covariance and its eigen-decomposition. The covariance costs m·v² flops (for
     * 60 000 images of 784 pixels, 37 GFLOP); the Jacobi method roughly 100·v³ flops: milliseconds for
     * 8×8 patches (v = 64), tens of seconds on one core for v = 784. A large set can be fitted on a
     * subset ({@link Dataset#select}) and applied to all of it.
     *
     * @param epsilon regulariser added to each eigenvalue, ≥ 0; it must be positive when the covariance
     *                is singular (for example when every sample has had its own mean removed)
     */
    public static Zca fit(Dataset data, double epsilon, ParallelRuntime runtime) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ZCA epsilon must be finite and >= 0, got " + epsilon);
        }
        int v = data.features();
        int m = data.samples();
        ChunkRunner runner = new ChunkRunner(runtime);
        Chunks chunks = Chunks.of(m, CHUNK);
        int workers = Math.min(runtime.threads(), chunks.count());
        Pass[] pass = new Pass[workers];
        for (int w = 0; w < workers; w++) {
            pass[w] = new Pass(data, v, chunks.largest());
        }

        double[] mean = new double[v];
        runner.runOrdered(chunks.count(), (w, c) -> pass[w].sums(chunks.first(c), chunks.size(c)), (w, c) -> {
            for (int i = 0; i < v; i++) {
                mean[i] += pass[w].partial[i];
            }
        });
        for (int i = 0; i < v; i++) {
            mean[i] /= m;
        }

        // the upper triangle, row by row; each chunk's products commit in chunk order, slice by slice
        double[] cov = new double[v * v];
        int slices = workers <= 1 ? 1 : Math.max(1, Math.min(4 * workers, v * v / MIN_SLICE));
        runner.runOrdered(chunks.count(), (w, c) -> pass[w].products(chunks.first(c), chunks.size(c), mean), slices,
                (w, c, slice) -> {
                    int from = (int) ((long) v * slice / slices);
                    int to = (int) ((long) v * (slice + 1) / slices);
                    for (int a = from; a < to; a++) {
                        for (int b = a; b < v; b++) {
                            cov[a * v + b] += pass[w].partial[a * v + b];
                        }
                    }
                });
        for (int a = 0; a < v; a++) {
            for (int b = a; b < v; b++) {
                cov[a * v + b] /= m;
                cov[b * v + a] = cov[a * v + b];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(cov, v, runtime);
        double[] scale = new double[v];
        for (int k = 0; k < v; k++) {
            double d = eig.values()[k] + epsilon;
            if (!(d > 0)) {
                throw new IllegalArgumentException("ZCA: covariance eigenvalue " + eig.values()[k] + " plus epsilon "
                        + epsilon + " is not positive; the covariance is singular, use a larger epsilon");
            }
            scale[k] = 1 / Math.sqrt(d);
        }
        double[] u = eig.vectors();
        double[] w = new double[v * v];
        runner.forEach(v, 8, a -> {
            for (int b = 0; b < v; b++) {
                double s = 0;
                for (int k = 0; k < v; k++) {
                    s += u[a * v + k] * scale[k] * u[b * v + k];
                }
                w[a * v + b] = s;
            }
        });
        return new Zca(v, mean, w);
    }

    /** One worker's reader and scratch for the streaming passes. */
    private static final class Pass {
        final SampleReader reader;
        final boolean f64;
        final int v;
        /** A chunk's centred values, feature-major, so that each covariance entry is a contiguous dot product. */
        final double[] rows;
        /** The chunk's feature sums (v), then its centred products (v × v, upper triangle). */
        final double[] partial;

        Pass(Dataset data, int v, int chunk) {
            this.reader = data.reader(chunk);
            this.f64 = data.precision() == Precision.F64;
            this.v = v;
            this.rows = new double[v * chunk];
            this.partial = new double[v * v];
        }

        void sums(int first, int n) {
            reader.read(first, n);
            int off = reader.offset();
            java.util.Arrays.fill(partial, 0, v, 0);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < v; i++) {
                    partial[i] += value(reader, f64, off + j * v + i);
                }
            }
        }

        void products(int first, int n, double[] mean) {
            reader.read(first, n);
            int off = reader.offset();
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < v; i++) {
                    rows[i * n + j] = value(reader, f64, off + j * v + i) - mean[i];
                }
            }
            for (int a = 0; a < v; a++) {
                for (int b = a; b < v; b++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += rows[a * n + j] * rows[b * n + j];
                    }
                    partial[a * v + b] = s;
                }
            }
        }
    }

    /** Value {@code k} of the reader's last range, in its set's precision, as a double. */
    private static double value(SampleReader r, boolean f64, int k) {
        return f64 ? r.doubles()[k] : r.floats()[k];
    }

    /** Whitens {@code data} (same number of features as the fitting data), in its precision, on the calling thread. */
    public Dataset apply(Dataset data) {
        return apply(data, ParallelRuntime.singleThreaded());
    }

    /**
     * Whitens {@code data} (same number of features as the fitting data) into new heap arrays of its
     * precision, chunk by chunk on {@code runtime}: the whitened set needs v·m values of that precision on
     * the heap, whatever the input's store.
     */
    public Dataset apply(Dataset data, ParallelRuntime runtime) {
        if (data.features() != features) {
            throw new IllegalArgumentException("ZCA was fitted on " + features + " features, data have "
                    + data.features());
        }
        int v = features;
        Precision p = data.precision();
        Chunks chunks = Chunks.of(data.samples(), CHUNK);
        int workers = Math.min(runtime.threads(), chunks.count());
        SampleReader[] readers = new SampleReader[workers];
        double[][] out64 = new double[workers][];
        float[][] out32 = new float[workers][];
        boolean f64 = p == Precision.F64;
        for (int w = 0; w < workers; w++) {
            readers[w] = data.reader(chunks.largest());
            if (p == Precision.F64) {
                out64[w] = new double[v * chunks.largest()];
            } else {
                out32[w] = new float[v * chunks.largest()];
            }
        }
        DatasetBuilder white = DatasetBuilder.of(v, data.samples(), p);
        double[][] centred = new double[workers][v];
        new ChunkRunner(runtime).run(chunks.count(), (w, c) -> {
            int first = chunks.first(c);
            int n = chunks.size(c);
            SampleReader r = readers[w];
            r.read(first, n);
            int off = r.offset();
            double[] xc = centred[w];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < v; i++) {
                    xc[i] = value(r, f64, off + j * v + i) - mean[i];
                }
                for (int a = 0; a < v; a++) {
                    double s = 0;
                    for (int b = 0; b < v; b++) {
                        s += matrix[a * v + b] * xc[b];
                    }
                    if (f64) {
                        out64[w][j * v + a] = s;
                    } else {
                        out32[w][j * v + a] = (float) s;
                    }
                }
            }
            if (f64) {
                white.put(first, n, out64[w], 0);
            } else {
                white.put(first, n, out32[w], 0);
            }
        });
        return white.build();
    }

    /** The per-feature mean subtracted before whitening (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The symmetric whitening matrix W, v×v (a copy; row-major equals column-major). */
    public double[] matrix() {
        return matrix.clone();
    }
}
