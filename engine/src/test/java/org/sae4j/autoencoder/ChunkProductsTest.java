package org.sae4j.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sae4j.backend.GemmWorkload;
import org.sae4j.precision.Precision;

class ChunkProductsTest {

    @Test
    void theStandardWorkloadIsAChunkOfShapeB() {
        assertEquals(GemmWorkload.standard(false), ChunkProducts.workload(784, 196, 512, Precision.F64));
        assertEquals(GemmWorkload.standard(true), ChunkProducts.workload(784, 196, 512, Precision.F32));
    }

    @Test
    void aChunkRunsFiveProductsOf2hvnFlops() {
        GemmWorkload w = ChunkProducts.workload(new SparseAutoencoderConfig(64, 25, 0.01, 1e-4, 3), Precision.F64);
        assertEquals(5, w.products().size());
        assertEquals(5 * 2.0 * 64 * 25 * EvaluationSettings.SMALLEST_DEFAULT_CHUNK, w.flops(), 1e-6);
    }
}
