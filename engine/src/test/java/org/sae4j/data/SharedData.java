package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates files under the shared data folder (system property {@code sae4j.shared}, set by the build to
 * {@code ../shared}). Outside CI a missing folder skips the test; under {@code CI=true} it fails it.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String relative) {
        Path p = Path.of(System.getProperty("sae4j.shared", "../../shared")).resolve(relative).normalize();
        String message = "shared data file not found: " + p.toAbsolutePath();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isRegularFile(p), message);
        } else {
            assumeTrue(Files.isRegularFile(p), message);
        }
        return p;
    }
}
