package org.sae4j.optim;

/** The few dense vector operations the optimisers need; plain loops so nothing allocates. */
final class Vectors {

    private Vectors() {
    }

    /**
     * {@code a·b} with four partial sums in a fixed order: one running sum waits four cycles for each
     * addition, four keep the memory streams busy. The result depends only on the operands.
     */
    static double dot(double[] a, double[] b) {
        return dot(a, b, 0, a.length);
    }

    /** {@link #dot(double[], double[])} over the elements [from, to). */
    static double dot(double[] a, double[] b, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code y += alpha * x} over the elements [from, to), then returns {@code z·y} over them, in one
     * pass: the two-loop recursion is bound by memory bandwidth, and fusing the update with the next
     * dot product saves a pass over y. Summation as in {@link #dot}.
     */
    static double axpyDot(double alpha, double[] x, double[] y, double[] z, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double y0 = y[i] + alpha * x[i];
            double y1 = y[i + 1] + alpha * x[i + 1];
            double y2 = y[i + 2] + alpha * x[i + 2];
            double y3 = y[i + 3] + alpha * x[i + 3];
            y[i] = y0;
            y[i + 1] = y1;
            y[i + 2] = y2;
            y[i + 3] = y3;
            s0 += z[i] * y0;
            s1 += z[i + 1] * y1;
            s2 += z[i + 2] * y2;
            s3 += z[i + 3] * y3;
        }
        for (; i < to; i++) {
            double yi = y[i] + alpha * x[i];
            y[i] = yi;
            s0 += z[i] * yi;
        }
        return (s0 + s1) + (s2 + s3);
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
        axpy(alpha, x, y, 0, y.length);
    }

    /** {@code y += alpha * x} over the elements [from, to). */
    static void axpy(double alpha, double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
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
