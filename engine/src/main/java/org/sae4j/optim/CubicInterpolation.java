package org.sae4j.optim;

/** The minimiser of the cubic that matches values and slopes at two points. */
final class CubicInterpolation {

    private CubicInterpolation() {
    }

    /**
     * The local minimiser of the cubic through {@code (a, fa)} and {@code (b, fb)} with slopes
     * {@code ga} and {@code gb}, or NaN when that cubic has no local minimiser (or the data are
     * degenerate). The caller decides whether the result lies where it is useful.
     */
    static double minimizer(double a, double fa, double ga, double b, double fb, double gb) {
        if (a == b) {
            return Double.NaN;
        }
        double d1 = ga + gb - 3 * (fa - fb) / (a - b);
        // Scaling keeps d1^2 - ga*gb from overflowing when the slopes are large.
        double scale = Math.max(Math.abs(d1), Math.max(Math.abs(ga), Math.abs(gb)));
        if (scale == 0) {
            return Double.NaN;
        }
        double discriminant = (d1 / scale) * (d1 / scale) - (ga / scale) * (gb / scale);
        if (!(discriminant >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(scale * Math.sqrt(discriminant), b - a);
        double t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
        return Double.isFinite(t) ? t : Double.NaN;
    }
}
