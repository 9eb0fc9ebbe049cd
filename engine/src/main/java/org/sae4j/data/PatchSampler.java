package org.sae4j.data;

import java.util.SplittableRandom;
import org.sae4j.parallel.ChunkRunner;
import org.sae4j.parallel.Chunks;
import org.sae4j.parallel.ParallelRuntime;
import org.sae4j.precision.Precision;

/** Cuts square patches out of grey images, and normalises them the UFLDL way. */
public final class PatchSampler {
    /** Samples per task of the normalisation's passes; fixed, so that the sums' order is. */
    private static final int CHUNK = 512;

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

    /** UFLDL patch normalisation ({@link #normalizeUfldl(Dataset, ParallelRuntime)}) on the calling thread. */
    public static Dataset normalizeUfldl(Dataset patches) {
        return normalizeUfldl(patches, ParallelRuntime.singleThreaded());
    }

    /**
     * UFLDL patch normalisation: subtract each patch's own mean; clip to ±3σ, with σ the sample
     * standard deviation (n − 1) of all values; divide by 3σ; map [−1, 1] to [0.1, 0.9] by
     * x ↦ 0.4x + 0.5. Computed in double, returned in new heap arrays of the precision of
     * {@code patches}. σ's sums stream over the patches in chunks of {@value #CHUNK} on {@code runtime},
     * added in chunk order, so the result is the same on any number of threads.
     */
    public static Dataset normalizeUfldl(Dataset patches, ParallelRuntime runtime) {
        int v = patches.features();
        int m = patches.samples();
        Chunks chunks = Chunks.of(m, CHUNK);
        int workers = Math.min(runtime.threads(), chunks.count());
        Centred[] centred = new Centred[workers];
        for (int w = 0; w < workers; w++) {
            centred[w] = new Centred(patches, chunks.largest());
        }
        ChunkRunner runner = new ChunkRunner(runtime);
        double[] chunkSums = new double[chunks.count()];
        runner.run(chunks.count(), (w, c) -> {
            double[] x = centred[w].read(chunks.first(c), chunks.size(c));
            double sum = 0;
            for (int k = 0; k < chunks.size(c) * v; k++) {
                sum += x[k];
            }
            chunkSums[c] = sum;
        });
        long values = (long) v * m;
        double mean = sumInOrder(chunkSums) / values;
        runner.run(chunks.count(), (w, c) -> {
            double[] x = centred[w].read(chunks.first(c), chunks.size(c));
            double squares = 0;
            for (int k = 0; k < chunks.size(c) * v; k++) {
                squares += (x[k] - mean) * (x[k] - mean);
            }
            chunkSums[c] = squares;
        });
        double limit = 3 * Math.sqrt(sumInOrder(chunkSums) / (values - 1));
        if (!(limit > 0)) {
            throw new IllegalArgumentException("cannot normalise: every patch is constant (" + patches + ")");
        }
        Precision p = patches.precision();
        DatasetBuilder out = DatasetBuilder.of(v, m, p);
        runner.run(chunks.count(), (w, c) -> {
            int n = chunks.size(c);
            double[] x = centred[w].read(chunks.first(c), n);
            for (int k = 0; k < n * v; k++) {
                double clipped = Math.max(-limit, Math.min(limit, x[k])) / limit;
                x[k] = 0.4 * clipped + 0.5;
            }
            if (p == Precision.F64) {
                out.put(chunks.first(c), n, x, 0);
            } else {
                float[] f = centred[w].floats;
                for (int k = 0; k < n * v; k++) {
                    f[k] = (float) x[k];
                }
                out.put(chunks.first(c), n, f, 0);
            }
        });
        return out.build();
    }

    private static double sumInOrder(double[] parts) {
        double total = 0;
        for (double part : parts) {
            total += part;
        }
        return total;
    }

    /** One worker's reader and buffers: a chunk of patches, each less its own mean, in double. */
    private static final class Centred {
        final SampleReader reader;
        final boolean f64;
        final int v;
        final double[] x;
        final float[] floats;

        Centred(Dataset patches, int chunk) {
            reader = patches.reader(chunk);
            f64 = patches.precision() == Precision.F64;
            v = patches.features();
            x = new double[v * chunk];
            floats = f64 ? null : new float[v * chunk];
        }

        double[] read(int first, int n) {
            reader.read(first, n);
            int off = reader.offset();
            for (int j = 0; j < n; j++) {
                double mean = 0;
                for (int i = 0; i < v; i++) {
                    mean += value(off + j * v + i);
                }
                mean /= v;
                for (int i = 0; i < v; i++) {
                    x[j * v + i] = value(off + j * v + i) - mean;
                }
            }
            return x;
        }

        private double value(int k) {
            return f64 ? reader.doubles()[k] : reader.floats()[k];
        }
    }

    private static void requireFits(ImageStack images, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("patch size must be >= 1, got " + size);
        }
        if (images.height() < size || images.width() < size) {
            // Every image of a stack has the same size, so the first is the first that is too small.
            throw new IllegalArgumentException(images.describe(0) + " is " + images.height() + "x" + images.width()
                    + " pixels, smaller than the " + size + "x" + size + " patch");
        }
    }
}
