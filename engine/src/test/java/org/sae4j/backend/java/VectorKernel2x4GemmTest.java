package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.sae4j.backend.GemmSuite;
import org.sae4j.backend.MatrixBackend;

/**
 * The GEMM contract for the Vector API kernel of 2 vectors x 4 columns, whatever this machine's vector width
 * would choose (the runs with and without -XX:MaxVectorSize=32 cover both widths).
 */
class VectorKernel2x4GemmTest extends GemmSuite {
    @BeforeEach
    void needsTheVectorApi() {
        assumeTrue(JavaBackend.vectorApiAvailable(), "needs jdk.incubator.vector");
    }

    @Override
    protected MatrixBackend backend() {
        return JavaBackend.withVectorColumns(4);
    }
}
