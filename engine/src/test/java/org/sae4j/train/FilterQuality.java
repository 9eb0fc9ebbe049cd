package org.sae4j.train;

/** Measures how edge-like a p×p filter is (row-major pixels): neighbour correlation and DFT concentration. */
final class FilterQuality {
    private FilterQuality() {
    }

    /** The larger of |corr(w[r][c], w[r][c+1])| and |corr(w[r][c], w[r+1][c])|. */
    static double neighbourCorrelation(double[] w, int p) {
        return Math.max(Math.abs(correlation(w, p, 0, 1)), Math.abs(correlation(w, p, 1, 0)));
    }

    private static double correlation(double[] w, int p, int dr, int dc) {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int r = 0; r + dr < p; r++) {
            for (int c = 0; c + dc < p; c++) {
                double x = w[r * p + c];
                double y = w[(r + dr) * p + c + dc];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
        }
        double cov = sxy / n - sx / n * sy / n;
        double vx = sxx / n - sx / n * sx / n;
        double vy = syy / n - sy / n * sy / n;
        return cov / Math.sqrt(vx * vy);
    }

    /** Share of the tile's total 2-D DFT power held by its 4 strongest coefficients. */
    static double topFourPowerShare(double[] w, int p) {
        double[] power = new double[p * p];
        double total = 0;
        for (int u = 0; u < p; u++) {
            for (int v = 0; v < p; v++) {
                double re = 0, im = 0;
                for (int r = 0; r < p; r++) {
                    for (int c = 0; c < p; c++) {
                        double angle = -2 * Math.PI * ((double) u * r / p + (double) v * c / p);
                        re += w[r * p + c] * Math.cos(angle);
                        im += w[r * p + c] * Math.sin(angle);
                    }
                }
                power[u * p + v] = re * re + im * im;
                total += power[u * p + v];
            }
        }
        java.util.Arrays.sort(power);
        int n = power.length;
        return (power[n - 1] + power[n - 2] + power[n - 3] + power[n - 4]) / total;
    }
}
