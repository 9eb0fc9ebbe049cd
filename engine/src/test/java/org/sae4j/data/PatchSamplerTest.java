package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sae4j.precision.Precision;

class PatchSamplerTest {

    /** Pixel values that encode their position: 1e6 k + 1e3 r + c. */
    private static ImageStack positional(int count, int height, int width) {
        double[] px = new double[count * height * width];
        for (int k = 0; k < count; k++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    px[(k * height + r) * width + c] = 1e6 * k + 1e3 * r + c;
                }
            }
        }
        return new ImageStack(count, height, width, px);
    }

    @Test
    void patchesAreRowMajorCopiesOfImagePixelsThatFit() {
        ImageStack images = positional(3, 20, 30);
        int p = 5;
        Dataset d = PatchSampler.sample(images, p, 500, 42);
        assertEquals(25, d.features());
        assertEquals(500, d.samples());
        boolean[] seenImage = new boolean[3];
        int maxRow = 0;
        int maxCol = 0;
        for (int j = 0; j < 500; j++) {
            double first = d.get(0, j);
            int k = (int) (first / 1e6);
            int r = (int) (first % 1e6 / 1e3);
            int c = (int) (first % 1e3);
            assertTrue(r + p <= 20 && c + p <= 30, "patch " + j + " at " + r + "," + c);
            for (int dr = 0; dr < p; dr++) {
                for (int dc = 0; dc < p; dc++) {
                    assertEquals(images.get(k, r + dr, c + dc), d.get(dr * p + dc, j));
                }
            }
            seenImage[k] = true;
            maxRow = Math.max(maxRow, r);
            maxCol = Math.max(maxCol, c);
        }
        assertArrayEquals(new boolean[] {true, true, true}, seenImage);
        assertEquals(15, maxRow, "the last fitting row is reachable");
        assertEquals(25, maxCol, "the last fitting column is reachable");
    }

    @Test
    void sameSeedSamePatchesOtherSeedOtherPatches() {
        ImageStack images = positional(2, 16, 16);
        Dataset a = PatchSampler.sample(images, 4, 50, 7);
        Dataset b = PatchSampler.sample(images, 4, 50, 7);
        Dataset c = PatchSampler.sample(images, 4, 50, 8);
        assertArrayEquals(a.doubles(), b.doubles());
        assertNotEquals(a.get(0, 0) + a.get(0, 1), c.get(0, 0) + c.get(0, 1));
    }

    @Test
    void imageSmallerThanPatchOrBadArguments() {
        ImageStack small = positional(2, 6, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.sample(small, 8, 10, 1));
        assertEquals("image 0 is 6x9 pixels, smaller than the 8x8 patch", e.getMessage());
        ImageStack named = new ImageStack(2, 6, 9, small.pixels(), java.util.List.of("a.png", "b.png"));
        e = assertThrows(IllegalArgumentException.class, () -> PatchSampler.sample(named, 8, 10, 1));
        assertEquals("a.png is 6x9 pixels, smaller than the 8x8 patch", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PatchSampler.sample(small, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PatchSampler.sample(small, 2, 0, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.extract(small, 4, new int[] {0, 1}, new int[] {0, 3}, new int[] {0, 0}));
        assertTrue(e.getMessage().startsWith("patch 1 at image 1, row 3"), e.getMessage());
    }

    @Test
    void normalisationWithoutClippingIsAffine() {
        // Uniform values never reach 3σ (their max is √3 σ), so nothing is clipped.
        int v = 16;
        int m = 200;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] x = new double[v * m];
        for (int k = 0; k < x.length; k++) {
            x[k] = rnd.nextDouble() + (k / v) * 0.37; // each patch with its own offset
        }
        Dataset raw = Dataset.ofDoubles(v, m, x);
        Dataset n = PatchSampler.normalizeUfldl(raw);
        double[] centred = new double[x.length];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < v; i++) {
                mean += x[j * v + i] / v;
            }
            for (int i = 0; i < v; i++) {
                centred[j * v + i] = x[j * v + i] - mean;
            }
        }
        double ss = 0;
        for (double c : centred) {
            ss += c * c; // the centred values have overall mean 0
        }
        double threeSigma = 3 * Math.sqrt(ss / (x.length - 1));
        for (int j = 0; j < m; j++) {
            double patchMean = 0;
            for (int i = 0; i < v; i++) {
                double y = n.get(i, j);
                assertEquals(0.5 + 0.4 * centred[j * v + i] / threeSigma, y, 1e-12);
                patchMean += y / v;
            }
            assertEquals(0.5, patchMean, 1e-12, "patch " + j);
        }
    }

    @Test
    void normalisationClipsOutliersToTheRangeEnds() {
        int v = 10;
        int m = 100;
        double[] x = new double[v * m];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < x.length; k++) {
            x[k] = rnd.nextGaussian();
        }
        x[3] = 1e3;
        x[v * 50 + 7] = -1e3;
        Dataset n = PatchSampler.normalizeUfldl(Dataset.ofFloats(v, m, toFloats(x)));
        assertEquals(Precision.F32, n.precision());
        assertEquals(0.9, n.get(3, 0), 1e-7);
        assertEquals(0.1, n.get(7, 50), 1e-7);
        for (float y : n.floats()) {
            assertTrue(y >= 0.1f && y <= 0.9f, "value " + y);
        }
        Dataset constant = Dataset.ofDoubles(2, 3, new double[] {1, 1, 2, 2, 5, 5});
        assertThrows(IllegalArgumentException.class, () -> PatchSampler.normalizeUfldl(constant));
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            f[k] = (float) x[k];
        }
        return f;
    }

    @Test
    void reproducesTheSharedUfldlTrainingSet() throws IOException {
        ImageStack images = ImageStack.fromNpy(SharedData.file("data/ufldl/images_whitened.npy"));
        NpyArray coords = NpyReader.read(SharedData.file("data/ufldl/patches_10000_seed0_coords.npy"));
        Dataset expected = NpyReader.readSamples(SharedData.file("data/ufldl/patches_10000_seed0.npy"));
        int n = coords.shape()[0];
        int[] image = new int[n];
        int[] row = new int[n];
        int[] col = new int[n];
        for (int i = 0; i < n; i++) {
            image[i] = (int) coords.get(i, 0);
            row[i] = (int) coords.get(i, 1);
            col[i] = (int) coords.get(i, 2);
        }
        Dataset ours = PatchSampler.normalizeUfldl(PatchSampler.extract(images, 8, image, row, col));
        assertEquals(expected.samples(), ours.samples());
        double worst = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < 64; i++) {
                worst = Math.max(worst, Math.abs(expected.get(i, j) - ours.get(i, j)));
            }
        }
        // the reference is stored as float32
        assertTrue(worst < 1e-6, "largest difference " + worst);
    }
}
