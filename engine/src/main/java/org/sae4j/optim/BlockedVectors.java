package org.sae4j.optim;

import java.util.concurrent.RecursiveAction;
import org.sae4j.parallel.ParallelRuntime;

/**
 * The two-loop recursion's vector operations over fixed blocks of {@value #BLOCK} elements, spread over
 * the threads of a {@link ParallelRuntime}. With a long history the recursion streams the stored pairs from memory, and
 * two cores read about 1.7 times as fast as one here. Dot products are summed block by block in block
 * order, so the result is the same for every thread count. Nothing is allocated per operation: the
 * tasks are created once and reinitialised.
 */
final class BlockedVectors {
    static final int BLOCK = 8192;

    private static final int DOT = 0;
    private static final int AXPY = 1;
    private static final int AXPY_DOT = 2;
    private static final int SCALE = 3;

    private final int n;
    private final int blocks;
    private final double[] partials;
    /** Null when the calling thread does every block. */
    private final ParallelRuntime runtime;
    private final Group[] groups;
    private final Root root = new Root();

    private int op;
    private double alpha;
    private double[] x;
    private double[] y;
    private double[] z;

    /** @param runtime whose threads share the blocks; more than one only pays off for long vectors */
    BlockedVectors(int n, ParallelRuntime runtime) {
        this.n = n;
        this.blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
        this.partials = new double[blocks];
        int parallelism = Math.min(runtime.threads(), blocks);
        if (parallelism > 1) {
            this.runtime = runtime;
            groups = new Group[parallelism];
            for (int g = 0; g < parallelism; g++) {
                groups[g] = new Group(blocks * g / parallelism, blocks * (g + 1) / parallelism);
            }
        } else {
            this.runtime = null;
            groups = null;
        }
    }

    double dot(double[] a, double[] b) {
        return run(DOT, 0, a, b, null);
    }

    /** {@code y += alpha * x}. */
    void axpy(double alpha, double[] x, double[] y) {
        run(AXPY, alpha, x, y, null);
    }

    /** {@code y += alpha * x}, then returns {@code z·y}, in one pass. */
    double axpyDot(double alpha, double[] x, double[] y, double[] z) {
        return run(AXPY_DOT, alpha, x, y, z);
    }

    /** {@code y *= alpha}. */
    void scale(double alpha, double[] y) {
        run(SCALE, alpha, null, y, null);
    }

    private double run(int op, double alpha, double[] x, double[] y, double[] z) {
        this.op = op;
        this.alpha = alpha;
        this.x = x;
        this.y = y;
        this.z = z;
        if (runtime == null) {
            blocks(0, blocks);
        } else {
            root.reinitialize();
            runtime.invoke(root);
        }
        this.x = null;
        this.y = null;
        this.z = null;
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            sum += partials[b];
        }
        return sum;
    }

    private void blocks(int first, int end) {
        for (int b = first; b < end; b++) {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            partials[b] = switch (op) {
                case DOT -> Vectors.dot(x, y, from, to);
                case AXPY -> {
                    Vectors.axpy(alpha, x, y, from, to);
                    yield 0;
                }
                case AXPY_DOT -> Vectors.axpyDot(alpha, x, y, z, from, to);
                case SCALE -> {
                    for (int i = from; i < to; i++) {
                        y[i] *= alpha;
                    }
                    yield 0;
                }
                default -> throw new IllegalStateException("operation " + op);
            };
        }
    }

    private final class Root extends RecursiveAction {
        @Override
        protected void compute() {
            for (Group g : groups) {
                g.reinitialize();
            }
            invokeAll(groups);
        }
    }

    private final class Group extends RecursiveAction {
        private final int first;
        private final int end;

        Group(int first, int end) {
            this.first = first;
            this.end = end;
        }

        @Override
        protected void compute() {
            blocks(first, end);
        }
    }
}
