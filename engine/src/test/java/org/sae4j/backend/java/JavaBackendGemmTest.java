package org.sae4j.backend.java;

import org.sae4j.backend.GemmSuite;
import org.sae4j.backend.MatrixBackend;

class JavaBackendGemmTest extends GemmSuite {
    @Override
    protected MatrixBackend backend() {
        return new JavaBackend();
    }
}
