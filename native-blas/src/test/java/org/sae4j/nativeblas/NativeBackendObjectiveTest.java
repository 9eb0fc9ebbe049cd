package org.sae4j.nativeblas;

import org.junit.jupiter.api.BeforeAll;
import org.sae4j.autoencoder.ObjectiveSuite;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;

/**
 * The engine's objective contract on the native backend: gradient check below 1e-9 in f64, agreement
 * with the plain reference, bitwise determinism over thread counts, f32 within tolerance.
 */
class NativeBackendObjectiveTest extends ObjectiveSuite {
    @BeforeAll
    static void requireNative() {
        NativeRequired.assumeNativeBlas();
    }

    @Override
    protected boolean oneColumnProductsAreBitwise() {
        return false;
    }

    @Override
    protected MatrixBackend backend() {
        return MatrixBackends.get("native");
    }
}
