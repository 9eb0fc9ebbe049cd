package org.sae4j.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fixed list of matrix products in one precision: what {@link BackendCalibration} times to choose a
 * backend for a job. Callers describe the products their job runs; {@link #standard(boolean)} is the
 * reference list that {@code sae info} and the default settings measure.
 *
 * @param products the products, each {@code C = op(A)·op(B)} with {@code op(A)} m×k and {@code op(B)} k×n
 * @param single   float products ({@code sgemm}) rather than double ({@code dgemm})
 */
public record GemmWorkload(List<Product> products, boolean single) {

    /** One product's shape. */
    public record Product(boolean transA, boolean transB, int m, int n, int k) {
        public Product {
            if (m < 1 || n < 1 || k < 1) {
                throw new IllegalArgumentException("product dimensions must be >= 1, got m=" + m + " n=" + n
                        + " k=" + k);
            }
        }

        double flops() {
            return 2.0 * m * n * k;
        }

        @Override
        public String toString() {
            return m + "x" + n + "x" + k + (transA ? "T" : "N") + (transB ? "T" : "N");
        }
    }

    public GemmWorkload {
        products = List.copyOf(products);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one product");
        }
    }

    /**
     * What each product of {@link #layerPair} computes, in its order: through the layer W1 (h × v) and
     * back through W2 (v × h) on n columns X, then the two weight gradients.
     */
    public static final List<String> LAYER_PAIR_NAMES = List.of("W1·X (NN)", "W2·A2 (NN)", "W2ᵀ·Δ3 (TN)",
            "Δ3·A2ᵀ (NT)", "Δ2·Xᵀ (NT)");

    /**
     * The five products of n columns through a layer of h units and back to v, and of their gradients:
     * W1·X (h×n×v), W2·A2 (v×n×h), W2ᵀ·Δ3 (h×n×v, TN), Δ3·A2ᵀ (v×h×n, NT) and Δ2·Xᵀ (h×v×n, NT). The one
     * list of them: a chunk of the engine's objective runs these, and the benchmarks and the bound time them.
     */
    public static GemmWorkload layerPair(int v, int h, int n, boolean single) {
        return new GemmWorkload(List.of(new Product(false, false, h, n, v), new Product(false, false, v, n, h),
                new Product(true, false, h, n, v), new Product(false, true, v, h, n),
                new Product(false, true, h, v, n)), single);
    }

    /**
     * The products of one evaluation of a stack of dense layers of widths {@code levels[0]} (the inputs) …
     * {@code levels[T]} on n columns, forward and back: W_l·A (levels[l] × n × levels[l − 1], NN) up the
     * stack; then down it, for l = T … 1, the gradient Δ·Aᵀ (levels[l] × levels[l − 1] × n, NT) and, but for
     * the bottom layer, the error sent down W_lᵀ·Δ (levels[l − 1] × n × levels[l], TN): 3T − 1 products,
     * those of a stacked network's fine-tuning with softmax as the top level.
     */
    public static GemmWorkload stack(int[] levels, int n, boolean single) {
        if (levels.length < 2) {
            throw new IllegalArgumentException("a stack needs its inputs and at least one layer, got "
                    + levels.length + " levels");
        }
        List<Product> products = new ArrayList<>();
        for (int l = 1; l < levels.length; l++) {
            products.add(new Product(false, false, levels[l], n, levels[l - 1]));
        }
        for (int l = levels.length - 1; l >= 1; l--) {
            products.add(new Product(false, true, levels[l], levels[l - 1], n));
            if (l > 1) {
                products.add(new Product(true, false, levels[l - 1], n, levels[l]));
            }
        }
        return new GemmWorkload(products, single);
    }

    /**
     * The reference workload: {@link #layerPair} with dimensions 784, 196 and 512, the products of a
     * 512-sample chunk of the 784 → 196 model that the benchmarks call shape B.
     */
    public static GemmWorkload standard(boolean single) {
        return layerPair(784, 196, 512, single);
    }

    /** Floating-point operations of one pass over every product. */
    public double flops() {
        return products.stream().mapToDouble(Product::flops).sum();
    }

    /** {@code f32} or {@code f64}. */
    public String precisionName() {
        return single ? "f32" : "f64";
    }

    /**
     * A name shared by workloads of about the same size, for remembering measurements: every dimension
     * rounded to the nearest power of two on a log scale (784 and 1000 give 1024, 600 gives 512), and
     * the precision.
     */
    public String shapeClass() {
        StringBuilder name = new StringBuilder(precisionName());
        for (Product p : products) {
            name.append(' ').append(roundToPowerOfTwo(p.m())).append('x').append(roundToPowerOfTwo(p.n()))
                    .append('x').append(roundToPowerOfTwo(p.k())).append(p.transA() ? 'T' : 'N')
                    .append(p.transB() ? 'T' : 'N');
        }
        return name.toString();
    }

    static int roundToPowerOfTwo(int x) {
        int exponent = (int) Math.round(Math.log(x) / Math.log(2));
        return 1 << Math.min(30, exponent);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", precisionName(), products);
    }

    /** Random operands for every product, allocated once, and a way to run them all on a backend. */
    Operands operands() {
        return new Operands(this);
    }

    static final class Operands {
        private final GemmWorkload workload;
        private final Object[] a;
        private final Object[] b;
        private final Object[] c;

        private Operands(GemmWorkload workload) {
            this.workload = Objects.requireNonNull(workload);
            int count = workload.products().size();
            a = new Object[count];
            b = new Object[count];
            c = new Object[count];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < count; i++) {
                Product p = workload.products().get(i);
                a[i] = filled(random, p.m() * p.k());
                b[i] = filled(random, p.k() * p.n());
                c[i] = filled(random, p.m() * p.n());
            }
        }

        private Object filled(SplittableRandom random, int length) {
            if (workload.single()) {
                float[] values = new float[length];
                for (int i = 0; i < length; i++) {
                    values[i] = (float) random.nextDouble(-0.1, 0.1);
                }
                return values;
            }
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = random.nextDouble(-0.1, 0.1);
            }
            return values;
        }

        /** Runs every product once on {@code backend}. */
        void run(MatrixBackend backend) {
            for (int i = 0; i < a.length; i++) {
                Product p = workload.products().get(i);
                int lda = p.transA() ? p.k() : p.m();
                int ldb = p.transB() ? p.n() : p.k();
                if (workload.single()) {
                    backend.sgemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1f, (float[]) a[i], 0, lda,
                            (float[]) b[i], 0, ldb, 0f, (float[]) c[i], 0, p.m());
                } else {
                    backend.dgemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1, (double[]) a[i], 0, lda,
                            (double[]) b[i], 0, ldb, 0, (double[]) c[i], 0, p.m());
                }
            }
        }
    }
}
