package org.sae4j.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Vector API kernel of two vectors × 4 columns: 8 vector accumulators of the platform's preferred
 * width (a 2L × 4 tile for L lanes, so AVX-512 and Arm get their width without code changes). Two vectors by four columns beat the textbook 8×6 on this
 * machine: with more accumulators C2 runs out of registers and spills.
 *
 * <p>Only loaded when the module {@code jdk.incubator.vector} is in the boot layer.
 */
final class FloatVectorKernel implements FloatMicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public int rows() {
        return 2 * LANES;
    }

    @Override
    public int columns() {
        return 4;
    }

    @Override
    public String description() {
        return "vector-api " + SPECIES.vectorBitSize() + "-bit " + rows() + "x4";
    }

    @Override
    public void multiplyAdd(int kc, float alpha, float[] pa, int ia, float[] pb, int ib,
                            float[] c, int offC, int ldc,
                            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c10 = c00;
        FloatVector c01 = c00;
        FloatVector c11 = c00;
        FloatVector c02 = c00;
        FloatVector c12 = c00;
        FloatVector c03 = c00;
        FloatVector c13 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, pa, ia);
            FloatVector a1 = FloatVector.fromArray(SPECIES, pa, ia + LANES);
            FloatVector b = FloatVector.broadcast(SPECIES, pb[ib]);
            c00 = a0.fma(b, c00);
            c10 = a1.fma(b, c10);
            b = FloatVector.broadcast(SPECIES, pb[ib + 1]);
            c01 = a0.fma(b, c01);
            c11 = a1.fma(b, c11);
            b = FloatVector.broadcast(SPECIES, pb[ib + 2]);
            c02 = a0.fma(b, c02);
            c12 = a1.fma(b, c12);
            b = FloatVector.broadcast(SPECIES, pb[ib + 3]);
            c03 = a0.fma(b, c03);
            c13 = a1.fma(b, c13);
            ia += 2 * LANES;
            ib += 4;
        }
        // The C update is written out here, not in a helper: a vector passed to a method that the JIT
        // does not inline is boxed, which allocates on every call and is many times slower.
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        int at = offC;
        if (accumulate) {
            c00.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c10.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c01.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c11.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c02.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c12.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c03.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c13.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
        } else {
            c00.mul(va).intoArray(c, at);
            c10.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c01.mul(va).intoArray(c, at);
            c11.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c02.mul(va).intoArray(c, at);
            c12.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c03.mul(va).intoArray(c, at);
            c13.mul(va).intoArray(c, at + LANES);
        }
    }
}
