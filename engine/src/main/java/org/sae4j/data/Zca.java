package org.sae4j.data;

import java.util.stream.IntStream;

/**
 * ZCA whitening: x ↦ W (x − μ) with W = U diag(1/√(λ + ε)) Uᵀ, where μ is the per-feature mean and
 * U diag(λ) Uᵀ the covariance (1/m normalisation) of the fitting data. The whitened data have
 * covariance U diag(λ/(λ + ε)) Uᵀ: the identity when ε = 0, with ε damping low-variance directions.
 */
public final class Zca {
    private final int features;
    private final double[] mean;
    private final double[] matrix;

    private Zca(int features, double[] mean, double[] matrix) {
        this.features = features;
        this.mean = mean;
        this.matrix = matrix;
    }

    /** Fits on {@code data} and returns it whitened, in the same precision. */
    public static Dataset whiten(Dataset data, double epsilon) {
        return fit(data, epsilon).apply(data);
    }

    /**
     * Computes mean, covariance and its eigen-decomposition. The Jacobi method costs roughly 100·v³
     * flops: milliseconds for 8×8 patches (v = 64), tens of seconds on one core for v = 784.
     *
     * @param epsilon regulariser added to each eigenvalue, ≥ 0; it must be positive when the covariance
     *                is singular (for example when every sample has had its own mean removed)
     */
    public static Zca fit(Dataset data, double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ZCA epsilon must be finite and >= 0, got " + epsilon);
        }
        int v = data.features();
        int m = data.samples();
        double[] mean = new double[v];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < v; i++) {
                mean[i] += data.get(i, j);
            }
        }
        for (int i = 0; i < v; i++) {
            mean[i] /= m;
        }
        // Feature-major centred copy, so each covariance entry is one contiguous dot product.
        double[] rows = new double[v * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < v; i++) {
                rows[i * m + j] = data.get(i, j) - mean[i];
            }
        }
        double[] cov = new double[v * v];
        IntStream.range(0, v).parallel().forEach(a -> {
            for (int b = a; b < v; b++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += rows[a * m + j] * rows[b * m + j];
                }
                cov[a * v + b] = s / m;
                cov[b * v + a] = s / m;
            }
        });
        SymmetricEigen eig = SymmetricEigen.of(cov, v);
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
        IntStream.range(0, v).parallel().forEach(a -> {
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

    /** Whitens {@code data} (same number of features as the fitting data), in its precision. */
    public Dataset apply(Dataset data) {
        if (data.features() != features) {
            throw new IllegalArgumentException("ZCA was fitted on " + features + " features, data have "
                    + data.features());
        }
        int v = features;
        int m = data.samples();
        double[] out = new double[v * m];
        IntStream.range(0, m).parallel().forEach(j -> {
            double[] x = new double[v];
            for (int i = 0; i < v; i++) {
                x[i] = data.get(i, j) - mean[i];
            }
            for (int a = 0; a < v; a++) {
                double s = 0;
                for (int b = 0; b < v; b++) {
                    s += matrix[a * v + b] * x[b];
                }
                out[j * v + a] = s;
            }
        });
        Dataset white = Dataset.ofDoubles(v, m, out);
        return white.toPrecision(data.precision());
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
