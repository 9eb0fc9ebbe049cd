package org.sae4j.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.backend.MatrixBackend;

/**
 * The products of a {@link GemmWorkload} with random operands, allocated once, each run as
 * {@code C = op(A)·op(B)}: by default the five of one evaluation on m samples
 * ({@link GemmWorkload#layerPair}). Operands of one size are shared (the products only read them), and so
 * are outputs of one size (the products run one at a time), so the five take what the engine's chunk does.
 */
public final class Products {
    /** What each product of an evaluation is, in {@link #run(MatrixBackend, int)} order. */
    public static final List<String> NAMES = GemmWorkload.LAYER_PAIR_NAMES;

    private final GemmWorkload workload;
    private final Object[] a;
    private final Object[] b;
    private final Object[] c;

    /** The five products of one evaluation of a {@code v → h} model on {@code m} samples. */
    public Products(int v, int h, int m, boolean single) {
        this(GemmWorkload.layerPair(v, h, m, single));
    }

    public Products(GemmWorkload workload) {
        this.workload = workload;
        int n = workload.products().size();
        a = new Object[n];
        b = new Object[n];
        c = new Object[n];
        SplittableRandom rnd = new SplittableRandom(1);
        Map<Integer, Object> inputs = new HashMap<>();
        Map<Integer, Object> outputs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            GemmWorkload.Product p = workload.products().get(i);
            a[i] = inputs.computeIfAbsent(Math.multiplyExact(p.m(), p.k()), size -> random(rnd, size));
            b[i] = inputs.computeIfAbsent(Math.multiplyExact(p.k(), p.n()), size -> random(rnd, size));
            c[i] = outputs.computeIfAbsent(Math.multiplyExact(p.m(), p.n()),
                    size -> workload.single() ? new float[size] : new double[size]);
        }
    }

    private Object random(SplittableRandom rnd, int size) {
        if (workload.single()) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) rnd.nextDouble(-0.1, 0.1);
            }
            return x;
        }
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextDouble(-0.1, 0.1);
        }
        return x;
    }

    /** Runs all products once. */
    public void run(MatrixBackend backend) {
        for (int product = 0; product < workload.products().size(); product++) {
            run(backend, product);
        }
    }

    /** Runs one product, numbered as in the workload (for an evaluation, as in {@link #NAMES}). */
    public void run(MatrixBackend backend, int product) {
        if (product < 0 || product >= workload.products().size()) {
            throw new IllegalArgumentException("no product " + product);
        }
        GemmWorkload.Product p = workload.products().get(product);
        int lda = p.transA() ? p.k() : p.m();
        int ldb = p.transB() ? p.n() : p.k();
        if (workload.single()) {
            backend.sgemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1, (float[]) a[product], 0, lda,
                    (float[]) b[product], 0, ldb, 0, (float[]) c[product], 0, p.m());
        } else {
            backend.dgemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1, (double[]) a[product], 0, lda,
                    (double[]) b[product], 0, ldb, 0, (double[]) c[product], 0, p.m());
        }
    }

    /** Product {@code i}'s A, B and C: for tests of the shapes. */
    Object[] operands(int i) {
        return new Object[] {a[i], b[i], c[i]};
    }

    /** Floating-point operations of one product of an evaluation: every one is 2·h·v·m. */
    public double flopsPerProduct() {
        return workload.flops() / workload.products().size();
    }

    /** Something that depends on every product, so nothing can be optimised away. */
    public double checksum() {
        double sum = 0;
        for (Object out : c) {
            sum += out instanceof double[] d ? d[0] : ((float[]) out)[0];
        }
        return sum;
    }
}
