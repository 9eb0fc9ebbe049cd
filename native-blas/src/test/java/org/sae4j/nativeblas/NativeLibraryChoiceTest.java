package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.Cpu;
import org.sae4j.nativeblas.NativeLibraryChoice.Kind;

class NativeLibraryChoiceTest {

    @Test
    void unsetMeansBundledThenSystem() {
        NativeLibraryChoice c = NativeLibraryChoice.parse(null, null, " ");
        assertEquals(Kind.DEFAULT, c.kind());
        assertEquals(List.of(Kind.BUNDLED, Kind.SYSTEM), c.candidates());
        assertTrue(c.mayFallBack());
    }

    @Test
    void anExplicitChoiceHasOneCandidateAndNoFallback() {
        assertEquals(List.of(Kind.BUNDLED), NativeLibraryChoice.parse("bundled", null, null).candidates());
        assertEquals(List.of(Kind.SYSTEM), NativeLibraryChoice.parse("SYSTEM", null, null).candidates());
        NativeLibraryChoice path = NativeLibraryChoice.parse("/opt/lib/libopenblas.so", null, null);
        assertEquals(Kind.PATH, path.kind());
        assertEquals("/opt/lib/libopenblas.so", path.library());
        assertFalse(path.mayFallBack());
        NativeLibraryChoice netlibPath = NativeLibraryChoice.parse(null, "/x/libblas.so", null);
        assertEquals(Kind.PATH, netlibPath.kind());
        assertTrue(netlibPath.origin().contains("nativeLibPath"), netlibPath.origin());
        NativeLibraryChoice netlibName = NativeLibraryChoice.parse(null, null, "libopenblas.so.0");
        assertEquals(Kind.NAME, netlibName.kind());
        assertEquals("libopenblas.so.0", netlibName.library());
    }

    @Test
    void twoSettingsNamingALibraryAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeLibraryChoice.parse("bundled", "/x/libblas.so", null));
        assertTrue(e.getMessage().contains("-Dsae4j.native=bundled")
                && e.getMessage().contains("nativeLibPath=/x/libblas.so") && e.getMessage().contains("only one"),
                e.getMessage());
    }

    @Test
    void systemLibrariesAreFoundInLdLibraryPathThenLdSoConf(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path conf = dir.resolve("ld.so.conf");
        Path confD = Files.createDirectories(dir.resolve("ld.so.conf.d"));
        Files.writeString(conf, "# comment\ninclude " + confD + "/*.conf\n");
        Files.writeString(confD.resolve("a.conf"), second + "\n");
        Files.writeString(second.resolve("libfake.so.3"), "x");
        assertEquals(Optional.of(second.resolve("libfake.so.3")),
                SystemLibraryPath.find("libfake.so.3", first.toString(), conf));
        Files.writeString(first.resolve("libfake.so.3"), "x");
        assertEquals(Optional.of(first.resolve("libfake.so.3")),
                SystemLibraryPath.find("libfake.so.3", first + ":" + second, conf), "LD_LIBRARY_PATH comes first");
        assertEquals(Optional.empty(), SystemLibraryPath.find("libnothing-here.so.9", null, conf));
    }

    @Test
    void genericCoresAreRecognisedOnlyWhereTheCpuCouldDoBetter() {
        Cpu avx512 = Cpu.of("x", Set.of("avx2", "avx512f"));
        Cpu old = Cpu.of("x", Set.of("sse3"));
        assertTrue(OpenBlasCore.asked("Prescott", null).genericOn(avx512));
        assertTrue(OpenBlasCore.asked("NEHALEM", null).genericOn(avx512));
        assertFalse(OpenBlasCore.asked("Prescott", null).genericOn(old), "nothing better exists on an SSE3 CPU");
        assertFalse(OpenBlasCore.asked("Cooperlake", null).genericOn(avx512));
        assertFalse(OpenBlasCore.asked("Haswell", null).genericOn(avx512));
        assertFalse(OpenBlasCore.fromEnvironment(null).genericOn(avx512), "unknown is not generic");
        assertTrue(OpenBlasCore.fromEnvironment("Prescott").genericOn(avx512));
        assertEquals("core Prescott (set by OPENBLAS_CORETYPE)", OpenBlasCore.fromEnvironment("Prescott").describe());
        assertEquals("core Haswell (set by OPENBLAS_CORETYPE)", OpenBlasCore.asked("Haswell", "Haswell").describe());
        assertEquals("core Cooperlake", OpenBlasCore.asked("Cooperlake", " ").describe());
        assertEquals(Optional.of("0.3.31"),
                OpenBlasCore.versionInConfig("OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"));
    }
}
