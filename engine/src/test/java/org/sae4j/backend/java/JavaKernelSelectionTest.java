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

    /** 2 vectors x 8 columns where vectors are 512 bits or more (32 registers), 2 x 4 below. */
    @Test
    void theVectorKernelShapeFollowsTheVectorWidth() {
        JavaBackend backend = new JavaBackend();
        org.junit.jupiter.api.Assumptions.assumeTrue(backend.usesVectorApi(), "needs jdk.incubator.vector");
        String kernel = backend.info().kernel();
        int bits = Integer.parseInt(kernel.replaceAll(".*?vector-api (\\d+)-bit.*", "$1"));
        int lanes64 = bits / 64;
        String shape = (2 * lanes64) + "x" + (bits >= 512 ? 8 : 4);
        assertTrue(kernel.startsWith("f64 vector-api " + bits + "-bit " + shape), kernel);
        String expectBits = System.getProperty("sae4j.expectVectorBits", "");
        if (!expectBits.isEmpty()) {
            assertEquals(Integer.parseInt(expectBits), bits, "the run's -XX:MaxVectorSize sets the width: " + kernel);
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
