package org.sae4j.report;

/**
 * One measured configuration.
 *
 * @param chunk        the samples of the evaluation's largest chunk (the chunks are near-equal)
 * @param evalSeconds  median seconds of one evaluation of J and ∇J
 * @param idealSeconds median seconds of the bare OpenBLAS products of the same shapes, with
 *                     {@code threads} OpenBLAS threads, measured in the same run; NaN when native
 *                     BLAS is not available
 * @param flops        the floating-point operations of those products
 */
public record BenchRow(String shape, int visible, int hidden, int samples, String precision, String backend,
                       int threads, int chunk, double evalSeconds, double idealSeconds, double flops) {

    /** evalSeconds / idealSeconds: 1.0 means as fast as the bare products. */
    public double ratio() {
        return evalSeconds / idealSeconds;
    }

    public double evaluationsPerSecond() {
        return 1 / evalSeconds;
    }

    public double samplesPerSecond() {
        return samples / evalSeconds;
    }

    public double gflops() {
        return flops / evalSeconds / 1e9;
    }
}
