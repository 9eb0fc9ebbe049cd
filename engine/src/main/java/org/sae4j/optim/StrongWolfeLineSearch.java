package org.sae4j.optim;

/**
 * A line search for a step t along a descent direction d that satisfies the strong Wolfe conditions
 * f(x+td) ≤ f(x) + c1·t·gᵀd and |g(x+td)ᵀd| ≤ c2·|gᵀd| with c1 = {@value #C1}, c2 = {@value #C2}.
 *
 * <p>It extrapolates until an interval containing acceptable steps is bracketed, then shrinks that
 * interval (Nocedal &amp; Wright, algorithms 3.5 and 3.6). New trials come from the minimiser of the
 * cubic through the two bracket ends, kept at least {@value #MARGIN} of the interval width away from
 * either end; bisection replaces the cubic when it has no usable minimiser or an end's value is not
 * finite. A non-finite trial becomes the far end of the bracket, so the step shrinks towards the best
 * finite point; after {@value #MAX_NON_FINITE} such trials the search gives up.
 *
 * <p>The "low" end is always the best trial satisfying sufficient decrease. When the search ends
 * without meeting both conditions (bracket narrower than the progress tolerance, trial limit, budget,
 * cancellation, non-finite values), that low end is reported as the accepted step if it is positive.
 */
final class StrongWolfeLineSearch extends LineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_TRIALS = 40;
    static final int MAX_NON_FINITE = 20;
    private static final double MARGIN = 0.1;
    private static final double MIN_EXTRAPOLATION = 2;
    private static final double MAX_EXTRAPOLATION = 10;

    private double[] gTrial;
    private double[] gAccepted;

    StrongWolfeLineSearch(int n) {
        super(n);
        gTrial = new double[n];
        gAccepted = new double[n];
    }

    /** The gradient at the accepted step; valid only when {@link #step()} is positive. */
    double[] gradient() {
        return gAccepted;
    }

    /**
     * Searches along {@code d} from {@code x}, where the value is {@code f0} and the slope
     * {@code gd0 = gᵀd < 0}, starting with step {@code initialStep}.
     *
     * @param progressTolerance the search stalls once the bracket moves x by at most this much
     */
    LineSearchOutcome search(OptimizationRun run, double[] x, double f0, double[] d, double gd0,
                             double initialStep, double progressTolerance) {
        double dMax = Vectors.maxAbs(d);
        double tLo = 0;
        double fLo = f0;
        double gdLo = gd0;
        double tPrev = 0;
        double fPrev = f0;
        double gdPrev = gd0;
        // Until a bracket is found the far end is +infinity, which makes the bracket tests below
        // coincide with those of the extrapolation phase.
        double tHi = Double.POSITIVE_INFINITY;
        double fHi = Double.NaN;
        double gdHi = Double.NaN;
        boolean bracketed = false;
        int nonFinite = 0;
        double t = initialStep;
        step = 0;
        value = f0;
        for (int trial = 0; trial < MAX_TRIALS; trial++) {
            Termination interruption = run.interruption();
            if (interruption != null) {
                return LineSearchOutcome.of(interruption);
            }
            Vectors.pointAlong(x, t, d, xTrial);
            double f = run.evaluate(xTrial, gTrial);
            // gᵀd is not finite whenever g has a non-finite entry, because d is finite.
            double gd = Vectors.dot(gTrial, d);
            if (!Double.isFinite(f) || !Double.isFinite(gd)) {
                if (++nonFinite >= MAX_NON_FINITE) {
                    return LineSearchOutcome.NON_FINITE;
                }
                tHi = t;
                fHi = Double.NaN;
                gdHi = Double.NaN;
                bracketed = true;
            } else if (f > f0 + C1 * t * gd0 || f >= fLo) {
                tHi = t;
                fHi = f;
                gdHi = gd;
                bracketed = true;
            } else {
                accept(t, f);
                if (Math.abs(gd) <= -C2 * gd0) {
                    return LineSearchOutcome.SATISFIED;
                }
                if (gd * (tHi - tLo) >= 0) {
                    tHi = tLo;
                    fHi = fLo;
                    gdHi = gdLo;
                    bracketed = true;
                }
                tPrev = tLo;
                fPrev = fLo;
                gdPrev = gdLo;
                tLo = t;
                fLo = f;
                gdLo = gd;
            }
            if (bracketed && Math.abs(tHi - tLo) * dMax <= progressTolerance) {
                return LineSearchOutcome.STALLED;
            }
            t = bracketed ? insideBracket(tLo, fLo, gdLo, tHi, fHi, gdHi)
                    : beyond(tPrev, fPrev, gdPrev, tLo, fLo, gdLo);
        }
        return LineSearchOutcome.STALLED;
    }

    private void accept(double t, double f) {
        double[] swap = gAccepted;
        gAccepted = gTrial;
        gTrial = swap;
        step = t;
        value = f;
    }

    /** The next trial strictly inside the bracket, shrinking it by at least the margin. */
    private static double insideBracket(double tLo, double fLo, double gdLo, double tHi, double fHi, double gdHi) {
        double lower = Math.min(tLo, tHi);
        double upper = Math.max(tLo, tHi);
        double midpoint = lower + 0.5 * (upper - lower);
        if (Double.isNaN(fHi)) {
            return midpoint;
        }
        double cubic = CubicInterpolation.minimizer(tLo, fLo, gdLo, tHi, fHi, gdHi);
        if (!(cubic > lower && cubic < upper)) {
            return midpoint;
        }
        double margin = MARGIN * (upper - lower);
        return Math.min(Math.max(cubic, lower + margin), upper - margin);
    }

    /** The next trial while still extrapolating: the cubic's minimiser kept within [2, 10] times the step. */
    private static double beyond(double tPrev, double fPrev, double gdPrev, double t, double f, double gd) {
        double cubic = CubicInterpolation.minimizer(tPrev, fPrev, gdPrev, t, f, gd);
        double max = MAX_EXTRAPOLATION * t;
        // No minimiser means the slope is getting steeper: go as far as allowed.
        return Double.isNaN(cubic) ? max : Math.min(Math.max(cubic, MIN_EXTRAPOLATION * t), max);
    }
}
