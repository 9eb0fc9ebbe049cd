package org.sae4j.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Vector API kernel of two vectors × 8 columns: 16 vector accumulators of the platform's preferred
 * width, for CPUs with 32 vector registers (AVX-512): 16 accumulators, two A vectors and a broadcast fit
 * without spilling, and twice the accumulators of {@link FloatVectorKernel} hide the FMA latency of two
 * FMA units. {@link FloatVectorKernel#forPreferredWidth()} chooses between them.
 *
 * <p>Only loaded when the module {@code jdk.incubator.vector} is in the boot layer.
 */
final class FloatWideVectorKernel implements FloatMicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public int rows() {
        return 2 * LANES;
    }

    @Override
    public int columns() {
        return 8;
    }

    @Override
    public String description() {
        return "vector-api " + SPECIES.vectorBitSize() + "-bit " + rows() + "x8";
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
        FloatVector c04 = c00;
        FloatVector c14 = c00;
        FloatVector c05 = c00;
        FloatVector c15 = c00;
        FloatVector c06 = c00;
        FloatVector c16 = c00;
        FloatVector c07 = c00;
        FloatVector c17 = c00;
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
            b = FloatVector.broadcast(SPECIES, pb[ib + 4]);
            c04 = a0.fma(b, c04);
            c14 = a1.fma(b, c14);
            b = FloatVector.broadcast(SPECIES, pb[ib + 5]);
            c05 = a0.fma(b, c05);
            c15 = a1.fma(b, c15);
            b = FloatVector.broadcast(SPECIES, pb[ib + 6]);
            c06 = a0.fma(b, c06);
            c16 = a1.fma(b, c16);
            b = FloatVector.broadcast(SPECIES, pb[ib + 7]);
            c07 = a0.fma(b, c07);
            c17 = a1.fma(b, c17);
            ia += 2 * LANES;
            ib += 8;
        }
        // Written out, not in a helper: a vector passed to a method the JIT does not inline is boxed.
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
            at += ldc;
            c04.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c14.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c05.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c15.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c06.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c16.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
            at += ldc;
            c07.fma(va, FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
            c17.fma(va, FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
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
            at += ldc;
            c04.mul(va).intoArray(c, at);
            c14.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c05.mul(va).intoArray(c, at);
            c15.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c06.mul(va).intoArray(c, at);
            c16.mul(va).intoArray(c, at + LANES);
            at += ldc;
            c07.mul(va).intoArray(c, at);
            c17.mul(va).intoArray(c, at + LANES);
        }
    }
}
