package org.sae4j.report;

import java.util.List;
import java.util.SplittableRandom;
import org.sae4j.backend.MatrixBackend;

/**
 * The five products of one evaluation on m samples, with the shapes and transposes the engine uses:
 * W1·X, W2·A2, W2ᵀ·Δ3, Δ3·A2ᵀ and Δ2·Xᵀ. Operands are random and allocated once.
 */
public final class Products {
    private final int v;
    private final int h;
    private final int m;
    private final double[] w1;
    private final double[] w2;
    private final double[] x;
    private final double[] hm;
    private final double[] vm;
    private final double[] hv;
    private final float[] w1f;
    private final float[] w2f;
    private final float[] xf;
    private final float[] hmf;
    private final float[] vmf;
    private final float[] hvf;

    public Products(int v, int h, int m, boolean single) {
        this.v = v;
        this.h = h;
        this.m = m;
        SplittableRandom rnd = new SplittableRandom(1);
        if (single) {
            w1f = randomFloats(rnd, h * v);
            w2f = randomFloats(rnd, v * h);
            xf = randomFloats(rnd, v * m);
            hmf = randomFloats(rnd, h * m);
            vmf = randomFloats(rnd, v * m);
            hvf = new float[h * v];
            w1 = w2 = x = hm = vm = hv = null;
        } else {
            w1 = randomDoubles(rnd, h * v);
            w2 = randomDoubles(rnd, v * h);
            x = randomDoubles(rnd, v * m);
            hm = randomDoubles(rnd, h * m);
            vm = randomDoubles(rnd, v * m);
            hv = new double[h * v];
            w1f = w2f = xf = hmf = vmf = hvf = null;
        }
    }

    /** What each product is, in {@link #run(MatrixBackend, int)} order. */
    public static final List<String> NAMES = List.of("W1·X (NN)", "W2·A2 (NN)", "W2ᵀ·Δ3 (TN)", "Δ3·A2ᵀ (NT)",
            "Δ2·Xᵀ (NT)");

    /** Runs all five products once. */
    public void run(MatrixBackend b) {
        for (int product = 0; product < NAMES.size(); product++) {
            run(b, product);
        }
    }

    /** Runs one product, numbered as in {@link #NAMES}. */
    public void run(MatrixBackend b, int product) {
        if (w1 != null) {
            switch (product) {
                case 0 -> b.dgemm(false, false, h, m, v, 1, w1, 0, h, x, 0, v, 0, hm, 0, h);
                case 1 -> b.dgemm(false, false, v, m, h, 1, w2, 0, v, hm, 0, h, 0, vm, 0, v);
                case 2 -> b.dgemm(true, false, h, m, v, 1, w2, 0, v, vm, 0, v, 0, hm, 0, h);
                case 3 -> b.dgemm(false, true, v, h, m, 1, vm, 0, v, hm, 0, h, 0, hv, 0, v);
                case 4 -> b.dgemm(false, true, h, v, m, 1, hm, 0, h, x, 0, v, 0, hv, 0, h);
                default -> throw new IllegalArgumentException("no product " + product);
            }
        } else {
            switch (product) {
                case 0 -> b.sgemm(false, false, h, m, v, 1, w1f, 0, h, xf, 0, v, 0, hmf, 0, h);
                case 1 -> b.sgemm(false, false, v, m, h, 1, w2f, 0, v, hmf, 0, h, 0, vmf, 0, v);
                case 2 -> b.sgemm(true, false, h, m, v, 1, w2f, 0, v, vmf, 0, v, 0, hmf, 0, h);
                case 3 -> b.sgemm(false, true, v, h, m, 1, vmf, 0, v, hmf, 0, h, 0, hvf, 0, v);
                case 4 -> b.sgemm(false, true, h, v, m, 1, hmf, 0, h, xf, 0, v, 0, hvf, 0, h);
                default -> throw new IllegalArgumentException("no product " + product);
            }
        }
    }

    /** Floating-point operations of one product: every one is 2·h·v·m. */
    public double flopsPerProduct() {
        return 2.0 * h * v * m;
    }

    /** Something that depends on every product, so nothing can be optimised away. */
    public double checksum() {
        return w1 != null ? hm[0] + vm[0] + hv[0] : hmf[0] + vmf[0] + hvf[0];
    }

    private static double[] randomDoubles(SplittableRandom rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble(-0.1, 0.1);
        }
        return a;
    }

    private static float[] randomFloats(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextDouble(-0.1, 0.1);
        }
        return a;
    }
}
