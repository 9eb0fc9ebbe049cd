package org.sae4j.data;

/** In-place iterative radix-2 complex FFT for power-of-two lengths, and its 2-D form. */
final class Fft {
    private Fft() {
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * Transforms {@code re + i·im} in place: X[k] = Σ x[j] e^{∓2πi jk/n}, the minus sign forward. The
     * inverse also divides by n, so it undoes the forward transform.
     */
    static void transform(double[] re, double[] im, boolean inverse) {
        if (im.length != re.length) {
            throw new IllegalArgumentException("FFT needs equal lengths, got " + re.length + " and " + im.length);
        }
        transform(re, im, inverse, new Twiddles(re.length));
    }

    /** cos and sin of 2πk/n for k < n/2, shared by every transform of length n. */
    private static final class Twiddles {
        final double[] cos;
        final double[] sin;

        Twiddles(int n) {
            if (!isPowerOfTwo(n)) {
                throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
            }
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                cos[k] = Math.cos(2 * Math.PI * k / n);
                sin[k] = Math.sin(2 * Math.PI * k / n);
            }
        }
    }

    private static void transform(double[] re, double[] im, boolean inverse, Twiddles tw) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int k = 0; k < half; k++) {
                double wr = tw.cos[k * stride];
                double wi = sign * tw.sin[k * stride];
                for (int start = 0; start < n; start += len) {
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        if (inverse) {
            for (int k = 0; k < n; k++) {
                re[k] /= n;
                im[k] /= n;
            }
        }
    }

    /** 2-D transform of a row-major n×n array: every row, then (via transposes) every column. */
    static void transform2d(double[] re, double[] im, int n, boolean inverse) {
        if (re.length != n * n || im.length != n * n) {
            throw new IllegalArgumentException("2-D FFT of order " + n + " needs " + n * n + " values, got "
                    + re.length + " and " + im.length);
        }
        Twiddles tw = new Twiddles(n);
        double[] lineRe = new double[n];
        double[] lineIm = new double[n];
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < n; r++) {
                System.arraycopy(re, r * n, lineRe, 0, n);
                System.arraycopy(im, r * n, lineIm, 0, n);
                transform(lineRe, lineIm, inverse, tw);
                System.arraycopy(lineRe, 0, re, r * n, n);
                System.arraycopy(lineIm, 0, im, r * n, n);
            }
            // Columns become rows: strided column access would miss the cache on every element.
            transpose(re, n);
            transpose(im, n);
        }
    }

    /** In-place transpose of a row-major n×n array, in cache-sized blocks. */
    private static void transpose(double[] a, int n) {
        final int block = 32;
        for (int bi = 0; bi < n; bi += block) {
            for (int bj = bi; bj < n; bj += block) {
                int iEnd = Math.min(n, bi + block);
                int jEnd = Math.min(n, bj + block);
                for (int i = bi; i < iEnd; i++) {
                    for (int j = bi == bj ? i + 1 : bj; j < jEnd; j++) {
                        double t = a[i * n + j];
                        a[i * n + j] = a[j * n + i];
                        a[j * n + i] = t;
                    }
                }
            }
        }
    }
}
