package org.sae4j.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.GemmSuite;
import org.sae4j.backend.MatrixBackend;

class GemmBlockingTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(GemmBlocking.PROPERTY);
    }

    @Test
    void propertyOverridesTheDefaultAndIsReported() {
        assertEquals(GemmBlocking.DEFAULT, GemmBlocking.fromProperty());
        System.setProperty(GemmBlocking.PROPERTY, " 256, 96 ,2048");
        assertEquals(new GemmBlocking(256, 96, 2048), GemmBlocking.fromProperty());
        String kernel = new JavaBackend(JavaBackend.Kernel.SCALAR).info().kernel();
        assertTrue(kernel.contains("kc=256 mc=96 nc=2048"), kernel);
    }

    @Test
    void badPropertyNamesItselfAndTheExpectedForm() {
        for (String bad : new String[] {"256,96", "a,b,c", "256,0,2048", "1,2,3,4"}) {
            System.setProperty(GemmBlocking.PROPERTY, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, GemmBlocking::fromProperty);
            assertTrue(e.getMessage().contains(GemmBlocking.PROPERTY) || e.getMessage().contains("positive"),
                    e.getMessage());
        }
    }

    @Test
    void blocksAreRoundedToWholeMicroPanels() {
        assertEquals(new GemmBlocking(7, 16, 12), new GemmBlocking(7, 9, 10).fittedTo(8, 4));
    }

    /** Tiny blocks: every product of the suite crosses many slabs, row blocks and column panels. */
    @Nested
    class TinyBlocksGemmTest extends GemmSuite {
        @Override
        protected MatrixBackend backend() {
            return new JavaBackend(JavaBackend.Kernel.AUTO, new GemmBlocking(5, 1, 1));
        }
    }

    @Nested
    class TinyBlocksScalarGemmTest extends GemmSuite {
        @Override
        protected MatrixBackend backend() {
            return new JavaBackend(JavaBackend.Kernel.SCALAR, new GemmBlocking(3, 5, 9));
        }
    }
}
