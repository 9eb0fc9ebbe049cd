package org.sae4j.data;

import java.util.SplittableRandom;

/** Cuts square patches out of grey images, and normalises them the UFLDL way. */
public final class PatchSampler {
    private PatchSampler() {
    }

    /**
     * Samples {@code count} patches of {@code size}×{@code size}: for each, a uniformly random image,
     * then a uniformly random top-left corner where the patch fits. The result has size² features
     * (row-major within the patch) by {@code count} samples, F64; the same seed gives the same patches.
     */
    public static Dataset sample(ImageStack images, int size, int count, long seed) {
        requireFits(images, size);
        if (count < 1) {
            throw new IllegalArgumentException("patch count must be >= 1, got " + count);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] image = new int[count];
        int[] row = new int[count];
        int[] col = new int[count];
        for (int i = 0; i < count; i++) {
            image[i] = rnd.nextInt(images.count());
            row[i] = rnd.nextInt(images.height() - size + 1);
            col[i] = rnd.nextInt(images.width() - size + 1);
        }
        return extract(images, size, image, row, col);
    }

    /**
     * Cuts out patch i at top-left corner ({@code row[i]}, {@code col[i]}) of image {@code image[i]}
     * (all 0-based), as one F64 sample of size² values in row-major order.
     */
    public static Dataset extract(ImageStack images, int size, int[] image, int[] row, int[] col) {
        requireFits(images, size);
        int n = image.length;
        if (n == 0 || row.length != n || col.length != n) {
            throw new IllegalArgumentException("need equally many (at least 1) image, row and column indices, got "
                    + n + ", " + row.length + ", " + col.length);
        }
        int v = size * size;
        double[] out = new double[Math.multiplyExact(v, n)];
        double[] px = images.pixels();
        for (int i = 0; i < n; i++) {
            if (image[i] < 0 || image[i] >= images.count() || row[i] < 0 || row[i] > images.height() - size
                    || col[i] < 0 || col[i] > images.width() - size) {
                throw new IllegalArgumentException("patch " + i + " at image " + image[i] + ", row " + row[i]
                        + ", column " + col[i] + " does not fit in " + images.count() + " images of "
                        + images.height() + "x" + images.width());
            }
            for (int dr = 0; dr < size; dr++) {
                int from = (image[i] * images.height() + row[i] + dr) * images.width() + col[i];
                System.arraycopy(px, from, out, i * v + dr * size, size);
            }
        }
        return Dataset.ofDoubles(v, n, out);
    }

    /**
     * UFLDL patch normalisation: subtract each patch's own mean; clip to ±3σ, with σ the sample
     * standard deviation (n − 1) of all values; divide by 3σ; map [−1, 1] to [0.1, 0.9] by
     * x ↦ 0.4x + 0.5. Computed in double, returned in the precision of {@code patches}.
     */
    public static Dataset normalizeUfldl(Dataset patches) {
        int v = patches.features();
        int m = patches.samples();
        double[] x = new double[v * m];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < v; i++) {
                mean += patches.get(i, j);
            }
            mean /= v;
            for (int i = 0; i < v; i++) {
                x[j * v + i] = patches.get(i, j) - mean;
            }
        }
        double total = 0;
        for (double a : x) {
            total += a;
        }
        double mean = total / x.length;
        double squares = 0;
        for (double a : x) {
            squares += (a - mean) * (a - mean);
        }
        double limit = 3 * Math.sqrt(squares / (x.length - 1));
        if (!(limit > 0)) {
            throw new IllegalArgumentException("cannot normalise: every patch is constant (" + patches + ")");
        }
        for (int k = 0; k < x.length; k++) {
            double clipped = Math.max(-limit, Math.min(limit, x[k])) / limit;
            x[k] = 0.4 * clipped + 0.5;
        }
        return Dataset.ofDoubles(v, m, x).toPrecision(patches.precision());
    }

    private static void requireFits(ImageStack images, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("patch size must be >= 1, got " + size);
        }
        if (images.height() < size || images.width() < size) {
            // Every image of a stack has the same size, so image 0 is the first that is too small.
            throw new IllegalArgumentException("image 0 is " + images.height() + "x" + images.width()
                    + " pixels, smaller than the " + size + "x" + size + " patch");
        }
    }
}
