package org.sae4j.optim;

import java.util.Arrays;

/**
 * Numerical check of an analytic gradient by central differences,
 * g_k ≈ (f(x + ε e_k) − f(x − ε e_k)) / 2ε, reporting ‖g_num − g‖ / ‖g_num + g‖ and the coordinates
 * that disagree most. Costs 2n + 1 evaluations.
 */
public final class GradientCheck {

    /** The step of the central differences. */
    public static final double DEFAULT_EPSILON = 1e-4;

    /** One coordinate where the analytic and numerical gradients differ. */
    public record Discrepancy(int index, double analytic, double numerical) {
    }

    /**
     * @param relativeDifference ‖g_num − g‖ / ‖g_num + g‖ (0 when both are zero)
     * @param worst              the coordinates with the largest absolute errors, largest first
     */
    public record Result(double relativeDifference, Discrepancy[] worst) {
    }

    private GradientCheck() {
    }

    /** Checks with ε = {@value #DEFAULT_EPSILON}, reporting the 5 worst coordinates. */
    public static Result check(DifferentiableFunction f, double[] x) {
        return check(f, x, DEFAULT_EPSILON, 5);
    }

    public static Result check(DifferentiableFunction f, double[] x, double epsilon, int worstCount) {
        int n = f.dimension();
        if (x.length != n) {
            throw new IllegalArgumentException("point has length " + x.length + ", the function has dimension " + n);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        double[] analytic = new double[n];
        f.evaluate(x, analytic);
        double[] probe = x.clone();
        double[] scratch = new double[n];
        double[] numerical = new double[n];
        for (int k = 0; k < n; k++) {
            probe[k] = x[k] + epsilon;
            double plus = f.evaluate(probe, scratch);
            probe[k] = x[k] - epsilon;
            double minus = f.evaluate(probe, scratch);
            probe[k] = x[k];
            numerical[k] = (plus - minus) / (2 * epsilon);
        }
        double diff = 0;
        double sum = 0;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            diff += (numerical[k] - analytic[k]) * (numerical[k] - analytic[k]);
            sum += (numerical[k] + analytic[k]) * (numerical[k] + analytic[k]);
            order[k] = k;
        }
        double relative = sum == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff) / Math.sqrt(sum);
        Arrays.sort(order, (a, b) -> Double.compare(
                Math.abs(analytic[b] - numerical[b]), Math.abs(analytic[a] - numerical[a])));
        Discrepancy[] worst = new Discrepancy[Math.min(worstCount, n)];
        for (int i = 0; i < worst.length; i++) {
            int k = order[i];
            worst[i] = new Discrepancy(k, analytic[k], numerical[k]);
        }
        return new Result(relative, worst);
    }
}
