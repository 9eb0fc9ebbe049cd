package org.sae4j.bench;

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

    /** Runs all five products once. */
    public void run(MatrixBackend b) {
        if (w1 != null) {
            b.dgemm(false, false, h, m, v, 1, w1, 0, h, x, 0, v, 0, hm, 0, h);
            b.dgemm(false, false, v, m, h, 1, w2, 0, v, hm, 0, h, 0, vm, 0, v);
            b.dgemm(true, false, h, m, v, 1, w2, 0, v, vm, 0, v, 0, hm, 0, h);
            b.dgemm(false, true, v, h, m, 1, vm, 0, v, hm, 0, h, 0, hv, 0, v);
            b.dgemm(false, true, h, v, m, 1, hm, 0, h, x, 0, v, 0, hv, 0, h);
        } else {
            b.sgemm(false, false, h, m, v, 1, w1f, 0, h, xf, 0, v, 0, hmf, 0, h);
            b.sgemm(false, false, v, m, h, 1, w2f, 0, v, hmf, 0, h, 0, vmf, 0, v);
            b.sgemm(true, false, h, m, v, 1, w2f, 0, v, vmf, 0, v, 0, hmf, 0, h);
            b.sgemm(false, true, v, h, m, 1, vmf, 0, v, hmf, 0, h, 0, hvf, 0, v);
            b.sgemm(false, true, h, v, m, 1, hmf, 0, h, xf, 0, v, 0, hvf, 0, h);
        }
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
