package org.sae4j.optim;

import java.util.Map;

/**
 * The limited memory of L-BFGS: the last {@code m} accepted pairs s = x' - x, y = g' - g in a
 * preallocated ring buffer (2·m·n doubles), and the two-loop recursion that applies the implied
 * inverse-Hessian approximation.
 */
final class LbfgsHistory {
    /**
     * A pair is kept only if sᵀy > {@value} · ‖s‖·‖y‖, i.e. the angle between s and y is safely below
     * 90°; otherwise the approximation would lose positive definiteness or be swamped by rounding.
     */
    static final double CURVATURE_THRESHOLD = 1e-10;

    private final int n;
    private final BlockedVectors vectors;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int size;
    private int next;
    private double gamma = 1;

    /** @param vectors runs the recursion's vector operations (and their threads, if any) */
    LbfgsHistory(int memory, int n, BlockedVectors vectors) {
        this.n = n;
        this.vectors = vectors;
        this.s = new double[memory][n];
        this.y = new double[memory][n];
        this.rho = new double[memory];
        this.alpha = new double[memory];
    }

    int size() {
        return size;
    }

    /** Adds the stored pairs to a state, oldest first: {@code s0, y0, s1, y1, ...}, their ρ and γ. */
    void save(Map<String, double[]> state) {
        int m = s.length;
        double[] rhos = new double[size];
        for (int k = 0; k < size; k++) {
            int j = (next - size + k + m) % m;
            state.put("s" + k, s[j]);
            state.put("y" + k, y[j]);
            rhos[k] = rho[j];
        }
        state.put("rho", rhos);
        state.put("gamma", new double[] {gamma});
    }

    /**
     * Takes the pairs {@link #save} stored; the ring then starts at slot 0, which changes no result
     * since the recursion visits the pairs newest first wherever they lie.
     *
     * @throws IllegalArgumentException if the state holds more pairs than this memory or vectors of
     *                                  another length
     */
    void restore(OptimizerState state) {
        int count = state.stored("rho").length;
        if (count > s.length) {
            throw new IllegalArgumentException("the state holds " + count + " correction pairs; this memory keeps "
                    + s.length);
        }
        for (int k = 0; k < count; k++) {
            System.arraycopy(state.stored("s" + k, n), 0, s[k], 0, n);
            System.arraycopy(state.stored("y" + k, n), 0, y[k], 0, n);
        }
        System.arraycopy(state.stored("rho"), 0, rho, 0, count);
        size = count;
        next = count % s.length;
        gamma = state.scalar("gamma");
    }

    void reset() {
        size = 0;
        next = 0;
        gamma = 1;
    }

    /**
     * Offers the pair of a step of length {@code step} along {@code direction} that moved the gradient
     * from {@code oldGradient} to {@code newGradient}; returns whether it passed the curvature test
     * and was stored (the oldest pair is dropped when full).
     */
    boolean update(double[] direction, double step, double[] newGradient, double[] oldGradient) {
        double[] sNext = s[next];
        double[] yNext = y[next];
        double sy = 0;
        double ss = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double si = step * direction[i];
            double yi = newGradient[i] - oldGradient[i];
            sNext[i] = si;
            yNext[i] = yi;
            sy += si * yi;
            ss += si * si;
            yy += yi * yi;
        }
        if (!(sy > CURVATURE_THRESHOLD * Math.sqrt(ss) * Math.sqrt(yy)) || !Double.isFinite(sy + ss + yy)) {
            return false;
        }
        rho[next] = 1 / sy;
        gamma = sy / yy;
        next = (next + 1) % s.length;
        size = Math.min(size + 1, s.length);
        return true;
    }

    /**
     * Writes {@code -H·gradient} into {@code direction} by the two-loop recursion, with initial
     * inverse Hessian γI, γ = sᵀy/yᵀy of the newest pair (γ = 1, i.e. steepest descent, when empty).
     */
    void direction(double[] gradient, double[] direction) {
        Vectors.negate(gradient, direction);
        if (size == 0) {
            return;
        }
        // Each pass updates the direction and takes the dot product the next step needs, so every
        // stored vector is read once per loop: with history 100 the recursion streams 2·m·n doubles
        // from memory and its speed is the memory bandwidth's.
        int m = s.length;
        int newest = (next - 1 + m) % m;
        int oldest = (next - size + m) % m;
        double dot = vectors.dot(s[newest], direction);
        for (int k = 0; k < size; k++) {
            int j = (next - 1 - k + m) % m;
            alpha[j] = rho[j] * dot;
            if (k + 1 == size) {
                // Scaling by γ comes between the loops; the last update goes first so the dot product
                // with y of the oldest pair can be taken on the scaled direction afterwards.
                vectors.axpy(-alpha[j], y[j], direction);
                vectors.scale(gamma, direction);
                dot = vectors.dot(y[oldest], direction);
            } else {
                dot = vectors.axpyDot(-alpha[j], y[j], direction, s[(j - 1 + m) % m]);
            }
        }
        for (int k = size - 1; k >= 0; k--) {
            int j = (next - 1 - k + m) % m;
            double beta = rho[j] * dot;
            if (k > 0) {
                dot = vectors.axpyDot(alpha[j] - beta, s[j], direction, y[(j + 1) % m]);
            } else {
                vectors.axpy(alpha[j] - beta, s[j], direction);
            }
        }
    }
}
