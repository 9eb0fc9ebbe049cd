package org.sae4j.autoencoder;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.java.JavaBackend;

class JavaBackendObjectiveTest extends ObjectiveSuite {
    @Override
    protected MatrixBackend backend() {
        return new JavaBackend();
    }
}
