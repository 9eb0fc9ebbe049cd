package org.sae4j.optim;

/**
 * What a line search leaves behind: the step it accepted and the value there, and the trial point it
 * writes into (allocated once, for a problem of n parameters).
 */
abstract class LineSearch {
    final double[] xTrial;
    double step;
    double value;

    LineSearch(int n) {
        xTrial = new double[n];
    }

    /** The accepted step, 0 if none. */
    final double step() {
        return step;
    }

    /** The value at the accepted point (f(x) when none was accepted). */
    final double value() {
        return value;
    }
}
