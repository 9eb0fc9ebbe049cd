package org.sae4j.nativeblas;

import org.junit.jupiter.api.BeforeAll;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackends;
import org.sae4j.deep.NetworkSuite;

/** The stacked network's contract on the native backend: gradient check, reference, bits over threads. */
class NativeBackendNetworkTest extends NetworkSuite {
    @BeforeAll
    static void requireNative() {
        NativeRequired.assumeNativeBlas();
    }

    @Override
    protected MatrixBackend backend() {
        return MatrixBackends.get("native");
    }
}
