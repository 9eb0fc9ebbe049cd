package org.sae4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files under the shared data folder (system property {@code sae4j.shared}). */
final class SharedData {
    private SharedData() {
    }

    /** The shared file, or skips the test when the shared folder is not available. */
    static Path file(String relative) {
        Path p = Path.of(System.getProperty("sae4j.shared", "../../shared")).resolve(relative).normalize();
        assumeTrue(Files.isRegularFile(p), "shared data file not found: " + p.toAbsolutePath());
        return p;
    }
}
