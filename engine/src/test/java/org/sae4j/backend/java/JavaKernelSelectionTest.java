package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sae4j.backend.GemmSuite;
import org.sae4j.backend.MatrixBackend;

class JavaKernelSelectionTest {

    @Test
    void theAutomaticKernelFollowsTheModulePresence() {
        JavaBackend backend = new JavaBackend();
        assertEquals(JavaBackend.vectorApiAvailable(), backend.usesVectorApi());
        assertTrue(backend.info().kernel().contains(backend.usesVectorApi() ? "vector-api" : "scalar"),
                backend.info().kernel());
        if (Boolean.getBoolean("sae4j.expectVectorKernel")) {
            assertTrue(backend.usesVectorApi(), "this test run adds jdk.incubator.vector, so the vector kernel must run");
        }
    }

    @Test
    void scalarCanAlwaysBeForcedAndVectorOnlyWithTheModule() {
        assertFalse(new JavaBackend(JavaBackend.Kernel.SCALAR).usesVectorApi());
        if (JavaBackend.vectorApiAvailable()) {
            assertTrue(new JavaBackend(JavaBackend.Kernel.VECTOR).usesVectorApi());
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new JavaBackend(JavaBackend.Kernel.VECTOR));
            assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        }
    }

    /** The scalar kernel through the full GEMM contract even in the run that has the Vector API. */
    static class ScalarKernelGemmTest extends GemmSuite {
        @Override
        protected MatrixBackend backend() {
            return new JavaBackend(JavaBackend.Kernel.SCALAR);
        }
    }
}
