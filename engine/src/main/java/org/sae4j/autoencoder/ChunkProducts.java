package org.sae4j.autoencoder;

import java.util.List;
import org.sae4j.backend.GemmWorkload.Product;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.data.Precision;

/**
 * The five matrix products one chunk of the objective runs (W1·X, W2·A2, Δ3·A2ᵀ, W2ᵀ·Δ3, Δ2·Xᵀ), as
 * the workload on which {@code auto} measures the backends for a model.
 */
public final class ChunkProducts {

    private ChunkProducts() {
    }

    /** The products of a chunk of {@code chunkSize} samples of a {@code visible → hidden} model. */
    public static GemmWorkload workload(int visible, int hidden, int chunkSize, Precision precision) {
        int v = visible;
        int h = hidden;
        int n = chunkSize;
        return new GemmWorkload(List.of(new Product(false, false, h, n, v), new Product(false, false, v, n, h),
                new Product(true, false, h, n, v), new Product(false, true, v, h, n),
                new Product(false, true, h, v, n)), precision == Precision.F32);
    }

    /** The same for {@code config} at the smallest default chunk, the chunk of most sets below 131 072 samples. */
    public static GemmWorkload workload(SparseAutoencoder config, Precision precision) {
        return workload(config.visible(), config.hidden(), EvaluationSettings.SMALLEST_DEFAULT_CHUNK, precision);
    }
}
