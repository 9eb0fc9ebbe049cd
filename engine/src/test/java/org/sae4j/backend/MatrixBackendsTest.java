package org.sae4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixBackendsTest {

    @Test
    void javaIsRegisteredAndAlwaysAvailable() {
        assertTrue(MatrixBackends.availableNames().contains("java"), MatrixBackends.availableNames().toString());
        MatrixBackend java = MatrixBackends.get("java");
        assertEquals("java", java.name());
        assertSame(java, MatrixBackends.get(" JAVA "), "names are case-insensitive and the instance is shared");
    }

    @Test
    void autoPicksTheHighestPriorityAvailableProvider() {
        MatrixBackendProvider best = MatrixBackends.providers().stream()
                .filter(p -> p.availability().available()).findFirst().orElseThrow();
        String before = System.clearProperty(MatrixBackends.PROPERTY);
        try {
            assertEquals(best.name(), MatrixBackends.get("auto").name());
            assertEquals(best.name(), MatrixBackends.get(null).name());
        } finally {
            if (before != null) {
                System.setProperty(MatrixBackends.PROPERTY, before);
            }
        }
    }

    @Test
    void theSystemPropertyForcesTheAutomaticChoice() {
        String before = System.setProperty(MatrixBackends.PROPERTY, "java");
        try {
            assertEquals("java", MatrixBackends.defaultBackend().name());
            AutoSelection.Choice forced = MatrixBackends.auto(GemmWorkload.standard(true));
            assertEquals("java, forced by -Dsae4j.backend=java (not measured)", forced.summary());
            System.setProperty(MatrixBackends.PROPERTY, "no-such-backend");
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    MatrixBackends::defaultBackend);
            assertTrue(e.getMessage().contains("Unknown backend 'no-such-backend'"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(MatrixBackends.PROPERTY);
            } else {
                System.setProperty(MatrixBackends.PROPERTY, before);
            }
        }
    }

    @Test
    void unknownNamesListTheRegisteredBackends() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> MatrixBackends.get("cuda"));
        assertTrue(e.getMessage().contains("registered backends: ["), e.getMessage());
        assertTrue(e.getMessage().contains("java"), e.getMessage());
    }

    @Test
    void anUnavailableBackendAskedForByNameExplainsHowToGetIt() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> MatrixBackends.get(UnavailableTestProvider.NAME));
        assertEquals("Backend 'test-unavailable' is not available: libtest.so not found; install it with"
                + " 'apt-get install libtest'", e.getMessage());
        assertTrue(!MatrixBackends.availableNames().contains(UnavailableTestProvider.NAME));
        // auto skips it although it has the highest priority
        assertTrue(!MatrixBackends.get("auto").name().equals(UnavailableTestProvider.NAME));
    }
}
