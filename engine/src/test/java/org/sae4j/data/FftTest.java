package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void matchesNaiveDftForEveryPowerOfTwoUpTo64() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 1; n <= 64; n *= 2) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = rnd.nextDouble(-1, 1);
                im[k] = rnd.nextDouble(-1, 1);
            }
            double[] fr = re.clone();
            double[] fi = im.clone();
            Fft.transform(fr, fi, false);
            for (int k = 0; k < n; k++) {
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double angle = -2 * Math.PI * j * k / n;
                    sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                    si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
                }
                assertEquals(sr, fr[k], 1e-12, "n=" + n + " k=" + k);
                assertEquals(si, fi[k], 1e-12, "n=" + n + " k=" + k);
            }
            Fft.transform(fr, fi, true);
            assertArrayEquals(re, fr, 1e-14);
            assertArrayEquals(im, fi, 1e-14);
        }
    }

    @Test
    void twoDimensionalOfAPlaneWaveIsOneSpike() {
        int n = 16;
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                re[r * n + c] = Math.cos(2 * Math.PI * (3 * r + 5 * c) / n);
            }
        }
        Fft.transform2d(re, im, n, false);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                boolean spike = (r == 3 && c == 5) || (r == n - 3 && c == n - 5);
                assertEquals(spike ? n * n / 2.0 : 0, re[r * n + c], 1e-9, r + "," + c);
                assertEquals(0, im[r * n + c], 1e-9);
            }
        }
    }

    @Test
    void rejectsOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[6], new double[6], false));
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[4], new double[8], false));
    }
}
