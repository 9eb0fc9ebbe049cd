package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeadLeavesTest {

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        ImageStack a = DeadLeaves.generate(3, 64, 5);
        ImageStack b = DeadLeaves.generate(3, 64, 5);
        ImageStack c = DeadLeaves.generate(3, 64, 6);
        assertArrayEquals(a.pixels(), b.pixels());
        assertFalse(Arrays.equals(a.pixels(), c.pixels()));
        assertFalse(Arrays.equals(Arrays.copyOf(a.pixels(), 4096), Arrays.copyOfRange(a.pixels(), 4096, 8192)),
                "images of one stack differ");
    }

    @Test
    void everyImageIsFiniteWithZeroMeanAndUnitVariance() {
        ImageStack s = DeadLeaves.generate(4, 32, 1);
        for (int k = 0; k < 4; k++) {
            double sum = 0;
            double ss = 0;
            for (int p = 0; p < 32 * 32; p++) {
                double x = s.pixels()[k * 1024 + p];
                assertTrue(Double.isFinite(x));
                sum += x;
                ss += x * x;
            }
            assertEquals(0, sum / 1024, 1e-12, "mean of image " + k);
            assertEquals(1, ss / 1024, 1e-12, "variance of image " + k);
        }
    }

    @Test
    void leavesCoverEveryPixelWithGreyLevelsInUnitRange() {
        double[] img = DeadLeaves.leaves(64, new SplittableRandom(2));
        long levels = Arrays.stream(img).distinct().count();
        assertTrue(levels > 20, "distinct grey levels: " + levels);
        for (double x : img) {
            assertTrue(x > 0 && x < 1, "grey " + x); // 0 would be an unpainted pixel (nextDouble() is never 0 in practice)
        }
    }

    /** Power |DFT|² of a row-major n×n image, by the O(n³) separable definition (independent of Fft). */
    private static double[] power(double[] img, int n) {
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int k = 0; k < n; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        double[] rowRe = new double[n * n];
        double[] rowIm = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int u = 0; u < n; u++) {
                for (int c = 0; c < n; c++) {
                    int w = (u * c) % n;
                    rowRe[r * n + u] += img[r * n + c] * cos[w];
                    rowIm[r * n + u] -= img[r * n + c] * sin[w];
                }
            }
        }
        double[] p = new double[n * n];
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < n; r++) {
                    int w = (v * r) % n;
                    re += rowRe[r * n + u] * cos[w] + rowIm[r * n + u] * sin[w];
                    im += rowIm[r * n + u] * cos[w] - rowRe[r * n + u] * sin[w];
                }
                p[v * n + u] = re * re + im * im;
            }
        }
        return p;
    }

    private static double radius(int v, int u, int n) {
        int fy = v < n / 2 ? v : v - n;
        int fx = u < n / 2 ? u : u - n;
        return Math.sqrt(fx * fx + fy * fy);
    }

    private static double bandPower(double[] p, int n, double lo, double hi) {
        double s = 0;
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                double f = radius(v, u, n);
                if (f > lo && f <= hi) {
                    s += p[v * n + u];
                }
            }
        }
        return s;
    }

    @Test
    void whiteningAppliesTheRadialFilterAndFlattensTheSpectrum() {
        int n = 64;
        double[] raw = DeadLeaves.leaves(n, new SplittableRandom(9));
        double[] white = DeadLeaves.whiten(raw, n);
        double[] pRaw = power(raw, n);
        double[] pWhite = power(white, n);
        // Each coefficient is multiplied by the same constant times f·exp(−(f/(0.4 n))⁴).
        double f0 = 0.4 * n;
        double gain = Math.sqrt(pWhite[1] / pRaw[1]) / Math.exp(-Math.pow(1 / f0, 4)); // frequency (0, 1): f = 1
        for (int k = 0; k < n * n; k++) {
            double f = radius(k / n, k % n, n);
            double h = f * Math.exp(-Math.pow(f / f0, 4));
            assertEquals(gain * h * Math.sqrt(pRaw[k]), Math.sqrt(pWhite[k]), 1e-8 * gain * Math.sqrt(pRaw[0]),
                    "frequency index " + k);
        }
        // The 1/f² dead-leaves spectrum is tilted: high frequencies carry far less power than low ones.
        double rawRatio = bandPower(pRaw, n, 16, 32) / bandPower(pRaw, n, 0, 4);
        double whiteRatio = bandPower(pWhite, n, 16, 32) / bandPower(pWhite, n, 0, 4);
        assertTrue(whiteRatio > 20 * rawRatio, "high/low power " + rawRatio + " -> " + whiteRatio);
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> DeadLeaves.generate(1, 48, 0));
        assertThrows(IllegalArgumentException.class, () -> DeadLeaves.generate(1, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> DeadLeaves.generate(0, 64, 0));
    }

    @Test
    void tenImagesOf512AndTenThousandPatchesWellUnderFiveSeconds() {
        long t0 = System.nanoTime();
        ImageStack images = DeadLeaves.generate(10, 512, 0);
        Dataset patches = PatchSampler.normalizeUfldl(PatchSampler.sample(images, 8, 10000, 0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(10000, patches.samples());
        assertTrue(seconds < 3, "took " + seconds + " s"); // typically well under 1 s
    }
}
