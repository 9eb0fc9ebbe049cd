package org.sae4j.nativeblas;

import org.junit.jupiter.api.BeforeAll;
import org.sae4j.backend.GemmSuite;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;

/** The engine's GEMM contract, run on the native backend. */
class NativeBackendGemmTest extends GemmSuite {
    @BeforeAll
    static void requireNative() {
        NativeRequired.assumeNativeBlas();
    }

    @Override
    protected MatrixBackend backend() {
        return MatrixBackends.get("native");
    }
}
