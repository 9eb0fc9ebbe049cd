package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.Cpu;

/**
 * Which library the native backend loads, each case in a forked JVM because a library loads once
 * per JVM.
 */
class NativeLibrarySelectionTest {

    private static final String SYSTEM_BLAS = "/usr/lib/x86_64-linux-gnu/libblas.so.3";

    private static boolean linuxX86() {
        return BundledOpenBlas.platform(System.getProperty("os.name"), System.getProperty("os.arch"))
                .equals("linux-x86_64");
    }

    private static void assumeSystemOpenBlas() {
        if (Files.exists(Path.of(SYSTEM_BLAS))) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true, so .ci/run must have installed libopenblas0-pthread");
        }
        Assumptions.abort("no system OpenBLAS at " + SYSTEM_BLAS);
    }

    private static ForkedJvm.Result choose(Map<String, String> env, Set<String> unset, String... options)
            throws Exception {
        List<String> jvm = new java.util.ArrayList<>(List.of(options));
        if (Runtime.version().feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        return ForkedJvm.run(BackendChoiceMain.class, env, unset, jvm);
    }

    @Test
    void theDefaultLoadsTheBundledOpenBlasOnItsOwnFittingCore() throws Exception {
        Assumptions.assumeTrue(linuxX86(), "the jar bundles OpenBLAS for linux-x86_64 only");
        ForkedJvm.Result child = choose(Map.of(), Set.of(OpenBlasCore.CORETYPE_VARIABLE, "OPENBLAS_L2_SIZE"));
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        String library = child.value("NATIVE_LIBRARY").orElseThrow(() -> new AssertionError(out));
        assertTrue(library.endsWith("/libopenblas.so.0") && library.contains("openblas-0.3.31"), library);
        String kernel = child.value("NATIVE_KERNEL").orElseThrow();
        assertTrue(kernel.startsWith("OpenBLAS 0.3.31") && kernel.endsWith("bundled"), kernel);
        assertFalse(out.contains("generic"), "the bundled OpenBLAS knows this CPU:\n" + out);
        if (Runtime.version().feature() >= 22) {
            assertTrue(kernel.contains("pthread, core ") && !kernel.contains("core unknown"), kernel);
        } else {
            assertTrue(kernel.contains("core unknown (JDK " + Runtime.version().feature()), kernel);
        }
        assertFalse(out.contains("dlopen"), "netlib's loader line never reaches the user:\n" + out);
    }

    @Test
    void theSystemOpenBlasOnAForcedGenericCoreIsUsedWithAWarning() throws Exception {
        Assumptions.assumeTrue(linuxX86());
        assumeSystemOpenBlas();
        ForkedJvm.Result child = choose(Map.of(OpenBlasCore.CORETYPE_VARIABLE, "Prescott"), Set.of(),
                "-D" + NativeLibraryChoice.PROPERTY + "=system");
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(child.value("NATIVE_LIBRARY").orElse("").contains("openblas"), out);
        String kernel = child.value("NATIVE_KERNEL").orElseThrow();
        assertTrue(kernel.contains("core Prescott"), kernel);
        if (!Cpu.thisMachine().vectorExtension().isEmpty()) {
            assertTrue(out.contains("runs the generic Prescott kernel") && out.contains("OPENBLAS_CORETYPE=Prescott"),
                    "a generic core is never picked silently:\n" + out);
            assertTrue(child.value("NATIVE_REASON").orElse("").contains("generic fallback kernel"), out);
        }
    }

    @Test
    void aCacheFolderThatCannotBeCreatedFallsBackToTheSystemLibraryAndSaysWhy(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(linuxX86());
        assumeSystemOpenBlas();
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a regular file where the cache folder should be");
        ForkedJvm.Result child = choose(Map.of(), Set.of(), "-Dsae4j.cache=" + blocker.resolve("cache"));
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(out.contains("cannot create the sae4j cache folder") && out.contains(blocker.toString())
                && out.contains("-Dsae4j.cache=DIR") && out.contains("using the system BLAS instead"),
                "a WARNING says what failed and what is used instead:\n" + out);
        assertTrue(child.value("NATIVE_LIBRARY").orElse("").contains("openblas-pthread"), out);

        ForkedJvm.Result explicit = choose(Map.of(), Set.of(), "-Dsae4j.cache=" + blocker.resolve("cache"),
                "-D" + NativeLibraryChoice.PROPERTY + "=bundled");
        String failure = explicit.value("NATIVE_FAILED").orElseThrow(() -> new AssertionError(explicit.output()));
        assertTrue(failure.contains("cannot create the sae4j cache folder"), failure);
        assertEquals("java", explicit.value("AUTO").orElse(null), "an explicit bundled that fails never falls"
                + " back to the system library:\n" + explicit.output());
    }

    @Test
    void aCacheOnANoexecFileSystemFallsBackToTheSystemLibraryAndSaysWhy(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(linuxX86());
        assumeSystemOpenBlas();
        Path mount = Files.createDirectories(dir.resolve("noexec"));
        String mountCommand = "mount -t tmpfs -o noexec tmpfs " + mount;
        Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", mountCommand)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs root and unshare for a private noexec mount");
        List<String> wrapper = List.of("unshare", "-m", "sh", "-c", mountCommand + " && exec \"$0\" \"$@\"");
        List<String> jvm = new java.util.ArrayList<>(List.of("-Dsae4j.cache=" + mount.resolve("cache")));
        if (Runtime.version().feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        ForkedJvm.Result child = ForkedJvm.run(wrapper, BackendChoiceMain.class, Map.of(), Set.of(), jvm);
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(out.contains("does not load") && out.contains("noexec") && out.contains("-Dsae4j.cache=DIR")
                && out.contains("using the system BLAS instead"), out);
        assertTrue(child.value("NATIVE_LIBRARY").orElse("").contains("openblas-pthread"), out);
    }

    @Test
    void aPathNamedBySae4jNativeIsTheLibraryThatNetlibUses(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(linuxX86());
        assumeSystemOpenBlas();
        BundledOpenBlas bundle = BundledOpenBlas.forThisPlatform().orElseThrow();
        Path library = bundle.unpack(dir.resolve("cache")).resolve(bundle.library());
        ForkedJvm.Result child = choose(Map.of(), Set.of(), "-D" + NativeLibraryChoice.PROPERTY + "=" + library);
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertEquals(library.toRealPath().toString(), child.value("NATIVE_LIBRARY").orElse(null), out);
        String mapped = child.value("BLAS_FILES").orElseThrow(() -> new AssertionError(out));
        assertTrue(mapped.contains(library.toRealPath().toString()), mapped);
        assertFalse(mapped.contains("openblas-pthread"), "netlib must not load the system BLAS instead: " + mapped);
    }

    @Test
    void anExplicitPathThatIsMissingOrAFolderIsAnErrorWithoutNetlibNoise(@TempDir Path dir) throws Exception {
        ForkedJvm.Result missing = choose(Map.of(), Set.of(),
                "-D" + NativeLibraryChoice.PROPERTY + "=" + dir.resolve("libnothing.so"));
        String failure = missing.value("NATIVE_FAILED").orElseThrow(() -> new AssertionError(missing.output()));
        assertTrue(failure.contains(dir.resolve("libnothing.so") + ", named by -Dsae4j.native=")
                && failure.contains("does not exist"), failure);
        assertFalse(missing.output().contains("dlopen"), missing.output());

        ForkedJvm.Result folder = choose(Map.of(), Set.of(), "-D" + NativeLibraryChoice.PROPERTY + "=" + dir);
        assertTrue(folder.value("NATIVE_FAILED").orElse("").contains("is a folder"), folder.output());

        ForkedJvm.Result both = choose(Map.of(), Set.of(), "-D" + NativeLibraryChoice.PROPERTY + "=system",
                "-D" + NativeBlasLibrary.NAME_PROPERTY + "=libopenblas.so.0");
        assertTrue(both.value("NATIVE_FAILED").orElse("").contains("set only one"), both.output());
    }
}
