package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.MatrixBackends;

/** A JVM whose native BLAS cannot load: in a forked JVM, because a library loads once per JVM. */
class NativeFallbackTest {

    private static final String MISSING = "/nonexistent/libblas.so.3";

    @Test
    void autoFallsBackAndNativeByNameExplainsHowToInstall() throws Exception {
        ForkedJvm.Result child = ForkedJvm.run(BackendChoiceMain.class, Map.of(),
                List.of("-D" + NativeBlasLibrary.PATH_PROPERTY + "=" + MISSING));
        String output = child.output();
        assertEquals(0, child.exitCode(), output);

        String nativeFailure = child.value("NATIVE_FAILED").orElseThrow(
                () -> new AssertionError("asking for native by name did not fail:\n" + output));
        assertTrue(nativeFailure.contains(MISSING), nativeFailure);
        assertTrue(nativeFailure.contains("apt-get install libopenblas0-pthread"), nativeFailure);

        boolean javaProviderExists = MatrixBackends.providers().stream().anyMatch(p -> p.name().equals("java"));
        assertEquals(javaProviderExists, child.value("PROVIDERS").orElse("").contains("java"), output);
        if (javaProviderExists) {
            // The pure-Java backend (engine's JavaBackendProvider) takes over, and the log says why.
            assertEquals("java", child.value("AUTO").orElse(null), output);
            assertTrue(output.contains("skipped native (") && output.contains(MISSING),
                    "the INFO line should say native was skipped and why:\n" + output);
        } else {
            // TODO(once engine has JavaBackendProvider): delete this branch; the java fallback is then required.
            String autoFailure = child.value("AUTO_FAILED").orElseThrow(
                    () -> new AssertionError("auto chose a backend although none can run:\n" + output));
            assertTrue(autoFailure.contains(MISSING), autoFailure);
        }
        assertFalse(output.contains("AUTO=native"), output);
    }
}
