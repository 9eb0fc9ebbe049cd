package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.sae4j.autoencoder.ObjectiveSuite;
import org.sae4j.backend.MatrixBackend;

/** The objective suite on the Vector API kernel of 2 vectors x 4 columns, whatever the vector width. */
class VectorKernel2x4ObjectiveTest extends ObjectiveSuite {
    @BeforeEach
    void needsTheVectorApi() {
        assumeTrue(JavaBackend.vectorApiAvailable(), "needs jdk.incubator.vector");
    }

    @Override
    protected MatrixBackend backend() {
        return JavaBackend.withVectorColumns(4);
    }
}
