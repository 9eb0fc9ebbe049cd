package org.sae4j.optim;

/** The few dense vector operations the optimisers need; plain loops so nothing allocates. */
final class Vectors {

    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The infinity norm, max |a_i|; NaN if any entry is NaN. */
    static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            double abs = Math.abs(v);
            if (!(abs <= max)) {
                max = abs;
            }
        }
        return max;
    }

    static double norm1(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += Math.abs(v);
        }
        return sum;
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code out = x + alpha * d}, written with the same expression as {@link #axpy} so both agree bit for bit. */
    static void pointAlong(double[] x, double alpha, double[] d, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + alpha * d[i];
        }
    }

    static void negate(double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = -x[i];
        }
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
