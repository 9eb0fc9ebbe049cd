package org.sae4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.backend.java.JavaBackend;

/** The five products of an evaluation, run from the workload's shapes: each C is op(A)·op(B). */
class ProductsTest {
    @Test
    void everyProductComputesOpATimesOpB() {
        GemmWorkload w = GemmWorkload.layerPair(7, 3, 5, false);
        Products products = new Products(w);
        for (int i = 0; i < w.products().size(); i++) {
            products.run(new JavaBackend(), i);
            GemmWorkload.Product p = w.products().get(i);
            Object[] operands = products.operands(i);
            double[] x = (double[]) operands[0];
            double[] y = (double[]) operands[1];
            double[] z = (double[]) operands[2];
            for (int r = 0; r < p.m(); r++) {
                for (int col = 0; col < p.n(); col++) {
                    double s = 0;
                    for (int k = 0; k < p.k(); k++) {
                        double av = p.transA() ? x[k + r * p.k()] : x[r + k * p.m()];
                        double bv = p.transB() ? y[col + k * p.n()] : y[k + col * p.k()];
                        s += av * bv;
                    }
                    assertEquals(s, z[r + col * p.m()], 1e-12, GemmWorkload.LAYER_PAIR_NAMES.get(i));
                }
            }
        }
        assertEquals(2.0 * 7 * 3 * 5, products.flopsPerProduct(), 0.0);
    }
}
