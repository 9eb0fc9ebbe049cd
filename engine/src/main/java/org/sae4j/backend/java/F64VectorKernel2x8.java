// Generated from F32VectorKernel2x8.java by engine/scripts/gen-f64-twins.sh; do not edit.
package org.sae4j.backend.java;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Vector API kernel of two vectors × 8 columns: 16 vector accumulators of the platform's preferred
 * width, for CPUs with 32 vector registers (AVX-512): 16 accumulators, two A vectors and a broadcast fit
 * without spilling, and twice the accumulators of {@link F64VectorKernel2x4} hide the FMA latency of two
 * FMA units. {@link VectorKernels} chooses between them.
 *
 * <p>Only loaded when the module {@code jdk.incubator.vector} is in the boot layer.
 */
final class F64VectorKernel2x8 implements F64MicroKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int COLUMNS = 8;

    static {
        // Runs each method once, in the interpreter, while the class initialises: every vector class it
        // uses is then loaded before C2 compiles it. A compilation that meets a vector class not yet
        // loaded (JDK 17) gives up the intrinsics and boxes the vectors for good.
        F64VectorKernel2x8 kernel = new F64VectorKernel2x8();
        double[] tile = new double[kernel.rows() * COLUMNS];
        double[] panel = new double[Math.max(kernel.rows(), COLUMNS)];
        kernel.multiply(1, panel, 0, panel, 0, tile);
        kernel.writeTile(tile, 1, tile, 0, kernel.rows(), false);
        kernel.writeTile(tile, 1, tile, 0, kernel.rows(), true);
    }

    @Override
    public int rows() {
        return 2 * LANES;
    }

    @Override
    public int columns() {
        return COLUMNS;
    }

    @Override
    public String description() {
        return "vector-api " + SPECIES.vectorBitSize() + "-bit " + rows() + "x8";
    }

    @Override
    public void multiply(int kc, double[] pa, int ia, double[] pb, int ib, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c10 = c00;
        DoubleVector c01 = c00;
        DoubleVector c11 = c00;
        DoubleVector c02 = c00;
        DoubleVector c12 = c00;
        DoubleVector c03 = c00;
        DoubleVector c13 = c00;
        DoubleVector c04 = c00;
        DoubleVector c14 = c00;
        DoubleVector c05 = c00;
        DoubleVector c15 = c00;
        DoubleVector c06 = c00;
        DoubleVector c16 = c00;
        DoubleVector c07 = c00;
        DoubleVector c17 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, pa, ia);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, pa, ia + LANES);
            DoubleVector b = DoubleVector.broadcast(SPECIES, pb[ib]);
            c00 = a0.fma(b, c00);
            c10 = a1.fma(b, c10);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 1]);
            c01 = a0.fma(b, c01);
            c11 = a1.fma(b, c11);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 2]);
            c02 = a0.fma(b, c02);
            c12 = a1.fma(b, c12);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 3]);
            c03 = a0.fma(b, c03);
            c13 = a1.fma(b, c13);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 4]);
            c04 = a0.fma(b, c04);
            c14 = a1.fma(b, c14);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 5]);
            c05 = a0.fma(b, c05);
            c15 = a1.fma(b, c15);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 6]);
            c06 = a0.fma(b, c06);
            c16 = a1.fma(b, c16);
            b = DoubleVector.broadcast(SPECIES, pb[ib + 7]);
            c07 = a0.fma(b, c07);
            c17 = a1.fma(b, c17);
            ia += 2 * LANES;
            ib += COLUMNS;
        }
        // Written out, not in a helper: a vector passed to a method the JIT does not inline is boxed.
        c00.intoArray(tile, 0);
        c10.intoArray(tile, 0 + LANES);
        c01.intoArray(tile, 2 * LANES);
        c11.intoArray(tile, 2 * LANES + LANES);
        c02.intoArray(tile, 2 * 2 * LANES);
        c12.intoArray(tile, 2 * 2 * LANES + LANES);
        c03.intoArray(tile, 3 * 2 * LANES);
        c13.intoArray(tile, 3 * 2 * LANES + LANES);
        c04.intoArray(tile, 4 * 2 * LANES);
        c14.intoArray(tile, 4 * 2 * LANES + LANES);
        c05.intoArray(tile, 5 * 2 * LANES);
        c15.intoArray(tile, 5 * 2 * LANES + LANES);
        c06.intoArray(tile, 6 * 2 * LANES);
        c16.intoArray(tile, 6 * 2 * LANES + LANES);
        c07.intoArray(tile, 7 * 2 * LANES);
        c17.intoArray(tile, 7 * 2 * LANES + LANES);
    }

    @Override
    public void writeTile(double[] tile, double alpha, double[] c, int offC, int ldc, boolean accumulate) {
        // A loop in a method of its own: small enough for the JIT to keep every vector in a register.
        DoubleVector va = DoubleVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            for (int j = 0, at = offC; j < COLUMNS; j++, at += ldc) {
                int t = 2 * LANES * j;
                DoubleVector.fromArray(SPECIES, tile, t).fma(va, DoubleVector.fromArray(SPECIES, c, at))
                        .intoArray(c, at);
                DoubleVector.fromArray(SPECIES, tile, t + LANES).fma(va, DoubleVector.fromArray(SPECIES, c, at + LANES))
                        .intoArray(c, at + LANES);
            }
        } else {
            for (int j = 0, at = offC; j < COLUMNS; j++, at += ldc) {
                int t = 2 * LANES * j;
                DoubleVector.fromArray(SPECIES, tile, t).mul(va).intoArray(c, at);
                DoubleVector.fromArray(SPECIES, tile, t + LANES).mul(va).intoArray(c, at + LANES);
            }
        }
    }
}
