package org.sae4j.data;

/** Simple element-wise preprocessing steps. See also {@link Zca} and {@link PatchSampler#normalizeUfldl}. */
public final class Preprocessing {
    private Preprocessing() {
    }

    /**
     * {@code data} with every value multiplied by {@code factor} (e.g. {@code 1.0 / 255} for pixel
     * bytes), in the same precision: see {@link Dataset#scaled}.
     */
    public static Dataset scale(Dataset data, double factor) {
        return data.scaled(factor);
    }
}
