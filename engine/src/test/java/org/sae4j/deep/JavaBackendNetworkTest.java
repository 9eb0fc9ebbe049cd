package org.sae4j.deep;

import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.java.JavaBackend;

class JavaBackendNetworkTest extends NetworkSuite {
    @Override
    protected MatrixBackend backend() {
        return new JavaBackend();
    }
}
