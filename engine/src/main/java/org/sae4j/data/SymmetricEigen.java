package org.sae4j.data;

import java.util.stream.IntStream;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.ParallelRuntime;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: A = V diag(values) Vᵀ.
 * Each sweep visits every pair (p, q) once in round-robin order, so a round rotates n/2 disjoint pairs
 * at once: its row and column updates then run as whole contiguous passes, in parallel on the run's
 * {@link ParallelRuntime} for large n (each row or pair on its own, so the result is the same on any
 * number of threads).
 * A sweep costs about 9n³ flops; 10 to 15 sweeps are typical.
 *
 * @param values  the n eigenvalues, unordered
 * @param vectors row-major n×n; column k is the unit eigenvector of {@code values[k]}
 */
record SymmetricEigen(double[] values, double[] vectors) {
    private static final int MAX_SWEEPS = 100;
    /** Dropping an off-diagonal entry this small relative to its diagonal pair moves them by rounding only. */
    private static final double NEGLIGIBLE = 0x1p-52;
    /** Below this order the fork-join overhead of a parallel pass outweighs its work. */
    private static final int PARALLEL_ORDER = 128;
    /** Rows (or rotations) per parallel task. */
    private static final int GRAIN = 16;

    /** Decomposes the symmetric row-major n×n matrix {@code a} on the calling thread; {@code a} is not modified. */
    static SymmetricEigen of(double[] a, int n) {
        return of(a, n, ParallelRuntime.singleThreaded());
    }

    /** Decomposes the symmetric row-major n×n matrix {@code a} on {@code runtime}; {@code a} is not modified. */
    static SymmetricEigen of(double[] a, int n, ParallelRuntime runtime) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("matrix of order " + n + " needs " + n * n + " values, got " + a.length);
        }
        Rotations r = new Rotations(a.clone(), n, n >= PARALLEL_ORDER ? new ChunkRunner(runtime) : null);
        int slots = n + (n & 1); // one dummy slot when n is odd
        int[] ring = IntStream.range(0, slots).toArray();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int round = 0; round < slots - 1; round++) {
                r.clear();
                for (int i = 0; i < slots / 2; i++) {
                    int p = Math.min(ring[i], ring[slots - 1 - i]);
                    int q = Math.max(ring[i], ring[slots - 1 - i]);
                    if (q < n) {
                        r.plan(p, q);
                    }
                }
                if (r.count > 0) {
                    r.apply();
                    rotated = true;
                }
                // Circle method: slot 0 stays, the others move one place on.
                int last = ring[slots - 1];
                System.arraycopy(ring, 1, ring, 2, slots - 2);
                ring[1] = last;
            }
            if (!rotated) {
                return r.result();
            }
        }
        throw new IllegalStateException("Jacobi eigenvalue iteration did not converge in " + MAX_SWEEPS
                + " sweeps (matrix of order " + n + "); does it contain NaN?");
    }

    /** The working matrix, the accumulated rotations, and the disjoint rotations of one round. */
    private static final class Rotations {
        final double[] m;
        /** Vᵀ: row k is eigenvector k, so rotating eigenvectors is a contiguous row operation. */
        final double[] vt;
        final int n;
        final int[] ps;
        final int[] qs;
        final double[] cs;
        final double[] ss;
        final double[] newPp;
        final double[] newQq;
        /** Runs the passes, or null to run them on the calling thread. */
        final ChunkRunner runner;
        int count;

        Rotations(double[] m, int n, ChunkRunner runner) {
            this.m = m;
            this.n = n;
            this.runner = runner;
            vt = new double[n * n];
            for (int i = 0; i < n; i++) {
                vt[i * n + i] = 1;
            }
            int pairs = (n + 1) / 2;
            ps = new int[pairs];
            qs = new int[pairs];
            cs = new double[pairs];
            ss = new double[pairs];
            newPp = new double[pairs];
            newQq = new double[pairs];
        }

        void clear() {
            count = 0;
        }

        /** Adds the rotation that zeroes m[p][q], unless that entry is already negligible. */
        void plan(int p, int q) {
            double apq = m[p * n + q];
            double app = m[p * n + p];
            double aqq = m[q * n + q];
            if (apq == 0) {
                return;
            }
            if (Math.abs(apq) <= NEGLIGIBLE * (Math.abs(app) + Math.abs(aqq))) {
                m[p * n + q] = 0;
                m[q * n + p] = 0;
                return;
            }
            double theta = (aqq - app) / (2 * apq);
            // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle below π/4, which is stable.
            double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
            double c = 1 / Math.sqrt(t * t + 1);
            ps[count] = p;
            qs[count] = q;
            cs[count] = c;
            ss[count] = t * c;
            newPp[count] = app - t * apq;
            newQq[count] = aqq + t * apq;
            count++;
        }

        /** m ← Jᵀ m J and Vᵀ ← Jᵀ Vᵀ for the product J of this round's rotations. */
        void apply() {
            forEach(n, k -> {
                int row = k * n;
                for (int i = 0; i < count; i++) {
                    int p = row + ps[i];
                    int q = row + qs[i];
                    double x = m[p];
                    double y = m[q];
                    m[p] = cs[i] * x - ss[i] * y;
                    m[q] = ss[i] * x + cs[i] * y;
                }
            });
            forEach(count, i -> {
                rotateRows(m, ps[i], qs[i], cs[i], ss[i]);
                rotateRows(vt, ps[i], qs[i], cs[i], ss[i]);
            });
            // The 2×2 blocks are known exactly; rounding must not leave a residue that never vanishes.
            for (int i = 0; i < count; i++) {
                int p = ps[i];
                int q = qs[i];
                m[p * n + q] = 0;
                m[q * n + p] = 0;
                m[p * n + p] = newPp[i];
                m[q * n + q] = newQq[i];
            }
        }

        private void rotateRows(double[] a, int p, int q, double c, double s) {
            int rp = p * n;
            int rq = q * n;
            for (int k = 0; k < n; k++) {
                double x = a[rp + k];
                double y = a[rq + k];
                a[rp + k] = c * x - s * y;
                a[rq + k] = s * x + c * y;
            }
        }

        private void forEach(int end, java.util.function.IntConsumer body) {
            if (runner == null) {
                for (int i = 0; i < end; i++) {
                    body.accept(i);
                }
            } else {
                runner.forEach(end, GRAIN, body);
            }
        }

        SymmetricEigen result() {
            double[] values = new double[n];
            double[] v = new double[n * n];
            for (int i = 0; i < n; i++) {
                values[i] = m[i * n + i];
                for (int k = 0; k < n; k++) {
                    v[k * n + i] = vt[i * n + k];
                }
            }
            return new SymmetricEigen(values, v);
        }
    }
}
