package org.sae4j.optim;

/**
 * Backtracking along the negative gradient: halves the step from a starting value until
 * f(x - t·g) ≤ f(x) - c1·t·‖g‖² with c1 = {@value #C1}. Non-finite trials are halved like any other;
 * after {@value StrongWolfeLineSearch#MAX_NON_FINITE} of them, or once t·max|g| drops to the progress
 * tolerance, or after {@value #MAX_TRIALS} trials, it gives up.
 */
final class ArmijoBacktracking extends LineSearch {
    static final double C1 = 1e-4;
    static final int MAX_TRIALS = 60;

    private final double[] gTrial;

    ArmijoBacktracking(int n) {
        super(n);
        gTrial = new double[n];
    }

    /**
     * Searches from {@code x} (value {@code f0}, gradient {@code g}) starting at step
     * {@code initialStep}. On success {@code x} and {@code g} are overwritten with the accepted point and
     * its gradient.
     */
    LineSearchOutcome search(OptimizationRun run, double[] x, double f0, double[] g, double initialStep,
                             double progressTolerance) {
        double gg = Vectors.dot(g, g);
        double gMax = Vectors.maxAbs(g);
        int nonFinite = 0;
        double t = initialStep;
        step = 0;
        value = f0;
        for (int trial = 0; trial < MAX_TRIALS; trial++) {
            Termination interruption = run.interruption();
            if (interruption != null) {
                return LineSearchOutcome.of(interruption);
            }
            Vectors.pointAlong(x, -t, g, xTrial);
            double f = run.evaluate(xTrial, gTrial);
            if (!Double.isFinite(f) || !Vectors.allFinite(gTrial)) {
                if (++nonFinite >= StrongWolfeLineSearch.MAX_NON_FINITE) {
                    return LineSearchOutcome.NON_FINITE;
                }
            } else if (f <= f0 - C1 * t * gg) {
                System.arraycopy(xTrial, 0, x, 0, x.length);
                System.arraycopy(gTrial, 0, g, 0, g.length);
                step = t;
                value = f;
                return LineSearchOutcome.SATISFIED;
            }
            t *= 0.5;
            if (t * gMax <= progressTolerance) {
                return LineSearchOutcome.STALLED;
            }
        }
        return LineSearchOutcome.STALLED;
    }
}
