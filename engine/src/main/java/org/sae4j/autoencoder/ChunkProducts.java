package org.sae4j.autoencoder;

import org.sae4j.backend.GemmWorkload;
import org.sae4j.precision.Precision;

/**
 * The five matrix products one chunk of the objective runs (W1·X, W2·A2, Δ3·A2ᵀ, W2ᵀ·Δ3, Δ2·Xᵀ), as
 * the workload on which {@code auto} measures the backends for a model.
 */
public final class ChunkProducts {

    private ChunkProducts() {
    }

    /** The products of a chunk of {@code chunkSize} samples of a {@code visible → hidden} model. */
    public static GemmWorkload workload(int visible, int hidden, int chunkSize, Precision precision) {
        return GemmWorkload.layerPair(visible, hidden, chunkSize, precision == Precision.F32);
    }

    /** The same for {@code config} at the smallest default chunk, the chunk of most sets below 131 072 samples. */
    public static GemmWorkload workload(SparseAutoencoderConfig config, Precision precision) {
        return workload(config.visible(), config.hidden(), EvaluationSettings.SMALLEST_DEFAULT_CHUNK, precision);
    }
}
