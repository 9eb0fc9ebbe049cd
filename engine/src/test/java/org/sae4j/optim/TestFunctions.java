package org.sae4j.optim;

import java.util.ArrayList;
import java.util.List;

/** Functions with known minimisers, written independently of the optimisers. */
final class TestFunctions {

    private TestFunctions() {
    }

    /** Chained Rosenbrock: sum over i < n-1 of 100(x[i+1] - x[i]²)² + (1 - x[i])²; minimum 0 at all ones. */
    static DifferentiableFunction rosenbrock(int n) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                java.util.Arrays.fill(g, 0);
                double f = 0;
                for (int i = 0; i < n - 1; i++) {
                    double a = x[i + 1] - x[i] * x[i];
                    double b = 1 - x[i];
                    f += 100 * a * a + b * b;
                    g[i] += -400 * a * x[i] - 2 * b;
                    g[i + 1] += 200 * a;
                }
                return f;
            }
        };
    }

    /** The standard start (-1.2, 1, -1.2, 1, ...). */
    static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }

    /** ½ Σ a_i x_i² - Σ b_i x_i, i.e. ½xᵀAx - bᵀx with A = diag(a); minimiser b_i / a_i. */
    static DifferentiableFunction diagonalQuadratic(double[] a, double[] b) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return a.length;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                double f = 0;
                for (int i = 0; i < a.length; i++) {
                    f += 0.5 * a[i] * x[i] * x[i] - b[i] * x[i];
                    g[i] = a[i] * x[i] - b[i];
                }
                return f;
            }
        };
    }

    /**
     * The same quadratic plus the constant ½bᵀA⁻¹b, evaluated as ½ Σ a_i (x_i - b_i/a_i)²: the minimum
     * value is exactly 0, so small decreases near the minimiser are not lost to cancellation.
     */
    static DifferentiableFunction centredQuadratic(double[] a, double[] b) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return a.length;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                double f = 0;
                for (int i = 0; i < a.length; i++) {
                    double e = x[i] - b[i] / a[i];
                    f += 0.5 * a[i] * e * e;
                    g[i] = a[i] * x[i] - b[i];
                }
                return f;
            }
        };
    }

    /** 1 + sin(i)/2 for i < n: a right-hand side bounded away from zero. */
    static double[] wavyOnes(int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 1 + 0.5 * StrictMath.sin(i);
        }
        return b;
    }

    /** n eigenvalues spaced evenly in log scale from 1 to {@code condition}. */
    static double[] logSpaced(int n, double condition) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = StrictMath.pow(condition, i / (double) (n - 1));
        }
        return a;
    }

    /** Records every call so tests can compare the optimiser's reports with what really happened. */
    static final class Recording implements DifferentiableFunction {
        final DifferentiableFunction inner;
        final List<double[]> points = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        Recording(DifferentiableFunction inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double evaluate(double[] x, double[] gradient) {
            double f = inner.evaluate(x, gradient);
            points.add(x.clone());
            values.add(f);
            return f;
        }

        int calls() {
            return values.size();
        }
    }

    /** Evaluates {@code f} at {@code x} with a scratch gradient. */
    static double valueAt(DifferentiableFunction f, double[] x) {
        return f.evaluate(x.clone(), new double[x.length]);
    }

    static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    static double[] filled(int n, double value) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
