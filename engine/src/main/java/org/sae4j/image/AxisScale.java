package org.sae4j.image;

import java.util.Locale;

/**
 * A plot axis from {@code min} to {@code max} with ticks every {@code step}, where step is 1, 2 or 5
 * times a power of ten and min and max are multiples of it.
 */
record AxisScale(double min, double max, double step) {

    /**
     * The smallest such axis covering [lo, hi] with about {@code ticks} intervals. An empty range is
     * widened around its value, so a constant series still gets a readable axis.
     *
     * @param integral whether ticks must be whole numbers (iteration counts)
     */
    static AxisScale covering(double lo, double hi, int ticks, boolean integral) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
            throw new IllegalArgumentException("axis range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double span = hi - lo;
        if (!Double.isFinite(span)) {
            throw new IllegalArgumentException("axis range [" + lo + ", " + hi + "] is too wide to plot");
        }
        double step = niceStep(span / ticks);
        if (integral) {
            step = Math.max(1, step);
        }
        return new AxisScale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** Tick positions, computed by multiplication so rounding errors do not accumulate. */
    double[] ticks() {
        long first = Math.round(min / step);
        int count = (int) (Math.round(max / step) - first) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            double tick = (first + i) * step;
            ticks[i] = Math.abs(tick) < step * 1e-9 ? 0 : tick;
        }
        return ticks;
    }

    /**
     * A label with just enough digits to tell neighbouring ticks apart: fixed-point for moderate
     * magnitudes, scientific otherwise.
     */
    String label(double value) {
        int stepExponent = (int) Math.floor(Math.log10(step));
        double largest = Math.max(Math.abs(min), Math.abs(max));
        if (largest < 1e6 && stepExponent >= -4) {
            return String.format(Locale.ROOT, "%." + Math.max(0, -stepExponent) + "f", value);
        }
        int largestExponent = (int) Math.floor(Math.log10(largest));
        int digits = Math.max(0, Math.min(15, largestExponent - stepExponent));
        return String.format(Locale.ROOT, "%." + digits + "e", value);
    }

    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
