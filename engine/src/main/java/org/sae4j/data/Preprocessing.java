package org.sae4j.data;

/** Simple element-wise preprocessing steps. See also {@link Zca} and {@link PatchSampler#normalizeUfldl}. */
public final class Preprocessing {
    private Preprocessing() {
    }

    /**
     * A copy of {@code data} with every value multiplied by {@code factor} (e.g. {@code 1.0 / 255} for
     * pixel bytes), in the same precision.
     */
    public static Dataset scale(Dataset data, double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite, got " + factor);
        }
        if (data.precision() == Precision.F32) {
            float[] in = data.floats();
            float[] out = new float[in.length];
            for (int k = 0; k < in.length; k++) {
                out[k] = (float) (in[k] * factor);
            }
            return Dataset.ofFloats(data.features(), data.samples(), out);
        }
        double[] in = data.doubles();
        double[] out = new double[in.length];
        for (int k = 0; k < in.length; k++) {
            out[k] = in[k] * factor;
        }
        return Dataset.ofDoubles(data.features(), data.samples(), out);
    }
}
