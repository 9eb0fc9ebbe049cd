package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

        // The pure-Java backend takes over, and the INFO line says native was skipped and why.
        assertTrue(child.value("PROVIDERS").orElse("").contains("java"), output);
        assertEquals("java", child.value("AUTO").orElse(null), output);
        assertTrue(output.contains("skipped ") && output.contains("native (") && output.contains(MISSING),
                "the INFO line should say native was skipped and why:\n" + output);
        assertFalse(output.contains("AUTO=native"), output);
    }
}
