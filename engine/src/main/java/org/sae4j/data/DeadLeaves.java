package org.sae4j.data;

import java.util.SplittableRandom;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.ParallelRuntime;

/**
 * Synthetic natural-like grey images from the dead-leaves model: opaque discs with uniformly random
 * grey levels and radii of density ∝ r⁻³ (between {@value #MIN_RADIUS} pixels and a quarter of the
 * image), which gives the 1/f² power spectrum of natural scenes. Each image is then whitened like
 * Olshausen's images, by the radial filter f·exp(−(f/f₀)⁴) with f₀ = 0.4·size cycles per image, and
 * scaled to zero mean and unit variance.
 */
public final class DeadLeaves {
    static final double MIN_RADIUS = 2;
    /** Olshausen's cut-off, 0.4 N cycles per picture, i.e. 0.8 times the Nyquist frequency N/2. */
    private static final double CUTOFF_PER_SIZE = 0.4;

    private DeadLeaves() {
    }

    /**
     * Generates {@code count} whitened images of {@code size}×{@code size} pixels on the calling thread;
     * the same seed gives the same images.
     *
     * @param size a power of two, at least 16
     */
    public static ImageStack generate(int count, int size, long seed) {
        return generate(count, size, seed, ParallelRuntime.singleThreaded());
    }

    /**
     * The same, an image per task on {@code runtime}: each image has a random stream of its own, so the
     * images are the same on any number of threads.
     */
    public static ImageStack generate(int count, int size, long seed, ParallelRuntime runtime) {
        if (count < 1) {
            throw new IllegalArgumentException("image count must be >= 1, got " + count);
        }
        if (size < 16 || !Fft.isPowerOfTwo(size)) {
            throw new IllegalArgumentException("image size must be a power of two >= 16, got " + size);
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[count];
        for (int k = 0; k < count; k++) {
            streams[k] = root.split();
        }
        int pixels = size * size;
        double[] out = new double[Math.multiplyExact(count, pixels)];
        new ChunkRunner(runtime).forEach(count, 1, k -> {
            double[] img = whiten(leaves(size, streams[k]), size);
            System.arraycopy(img, 0, out, k * pixels, pixels);
        });
        return new ImageStack(count, size, size, out);
    }

    /**
     * One unwhitened dead-leaves image, row-major. Discs are laid front to back, each painting only
     * pixels that no earlier disc covers, until every pixel is covered: the same picture as painting
     * the sequence back to front, but it knows when to stop.
     */
    static double[] leaves(int size, SplittableRandom rnd) {
        double[] img = new double[size * size];
        boolean[] covered = new boolean[size * size];
        int uncovered = size * size;
        double maxRadius = size / 4.0;
        double a = 1 / (MIN_RADIUS * MIN_RADIUS);
        double b = 1 / (maxRadius * maxRadius);
        while (uncovered > 0) {
            // Inverse of the r⁻³ CDF, (a − r⁻²) / (a − b), on [MIN_RADIUS, maxRadius].
            double radius = 1 / Math.sqrt(a - rnd.nextDouble() * (a - b));
            double cx = rnd.nextDouble(-radius, size + radius);
            double cy = rnd.nextDouble(-radius, size + radius);
            double grey = rnd.nextDouble();
            int r0 = Math.max(0, (int) Math.ceil(cy - radius - 0.5));
            int r1 = Math.min(size - 1, (int) Math.floor(cy + radius - 0.5));
            int c0 = Math.max(0, (int) Math.ceil(cx - radius - 0.5));
            int c1 = Math.min(size - 1, (int) Math.floor(cx + radius - 0.5));
            double rr = radius * radius;
            for (int r = r0; r <= r1; r++) {
                double dy = r + 0.5 - cy;
                for (int c = c0; c <= c1; c++) {
                    double dx = c + 0.5 - cx;
                    int k = r * size + c;
                    if (!covered[k] && dx * dx + dy * dy <= rr) {
                        covered[k] = true;
                        img[k] = grey;
                        uncovered--;
                    }
                }
            }
        }
        return img;
    }

    /** The whitening filter at spatial frequency {@code f} (cycles per image) for images of {@code size}. */
    static double filter(double f, int size) {
        double f0 = CUTOFF_PER_SIZE * size;
        double q = f / f0;
        return f * Math.exp(-q * q * q * q);
    }

    /** Filters a row-major size×size image in the Fourier domain and scales it to mean 0, variance 1. */
    static double[] whiten(double[] img, int size) {
        double[] re = img.clone();
        double[] im = new double[re.length];
        Fft.transform2d(re, im, size, false);
        for (int r = 0; r < size; r++) {
            int fy = r < size / 2 ? r : r - size;
            for (int c = 0; c < size; c++) {
                int fx = c < size / 2 ? c : c - size;
                double h = filter(Math.sqrt((double) fx * fx + (double) fy * fy), size);
                re[r * size + c] *= h;
                im[r * size + c] *= h;
            }
        }
        Fft.transform2d(re, im, size, true);
        // The filter is real and even, so the result is real; it is also zero-mean since h(0) = 0.
        double mean = 0;
        for (double x : re) {
            mean += x;
        }
        mean /= re.length;
        double ss = 0;
        for (double x : re) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / re.length);
        if (!(sd > 0)) {
            throw new IllegalStateException("whitened image is flat; cannot scale it to unit variance");
        }
        for (int k = 0; k < re.length; k++) {
            re[k] = (re[k] - mean) / sd;
        }
        return re;
    }
}
