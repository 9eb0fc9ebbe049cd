package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sae4j.backend.BackendInfo;
import org.sae4j.backend.MatrixBackend;
import org.sae4j.backend.MatrixBackendProvider;
import org.sae4j.backend.MatrixBackends;

class NativeBlasProviderTest {

    @Test
    void registeredAsNativeWithPriority100() {
        MatrixBackendProvider provider = MatrixBackends.providers().stream()
                .filter(p -> p.name().equals("native")).findFirst()
                .orElseThrow(() -> new AssertionError("no provider named native among " + MatrixBackends.providers()));
        assertEquals(NativeBlasProvider.class, provider.getClass());
        assertEquals(100, provider.priority());
    }

    @Test
    void availabilityIsWorkedOutOnce() {
        // ServiceLoader makes a new provider per lookup; the answer must still be the same object.
        assertSame(new NativeBlasProvider().availability(), new NativeBlasProvider().availability());
    }

    @Test
    void nativeByNameUsesTheNetlibJniBinding() {
        NativeRequired.assumeNativeBlas();
        MatrixBackend backend = MatrixBackends.get("native");
        assertEquals("native", backend.name());
        BackendInfo info = backend.info();
        assertEquals("native", info.name());
        assertEquals(NativeBLAS.getInstance().getClass().getName(), info.implementation());
        assertFalse(info.kernel().isBlank());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertTrue(Files.isRegularFile(Path.of(info.nativeLibrary())), "not a file: " + info.nativeLibrary());
            assertTrue(info.nativeLibrary().toLowerCase().contains("blas"), info.nativeLibrary());
        }
    }

    @Test
    void autoPrefersNative() {
        NativeRequired.assumeNativeBlas();
        Assumptions.assumeTrue(System.getProperty(MatrixBackends.PROPERTY) == null,
                "-D" + MatrixBackends.PROPERTY + " overrides auto");
        assertEquals("native", MatrixBackends.get("auto").name());
    }
}
