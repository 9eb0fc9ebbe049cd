package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.data.NpyWriter;

/** {@code --backend java} loads no native library and measures nothing: in a fresh JVM, which has loaded nothing yet. */
class NamedBackendTest {

    private static String run(Path cache, String... saeArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dsae4j.cache=" + cache, "-cp", System.getProperty("java.class.path"), NamedBackendMain.class.getName()));
        command.addAll(List.of(saeArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }

    @Test
    void aNamedJavaBackendLoadsNoNativeLibraryAndMeasuresNothing(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "reads the Linux process map");
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(6, 10, 1));
        double[] theta = TestData.distinctTheta(6, 2, 2);
        Path thetaFile = dir.resolve("theta.npy");
        NpyWriter.writeF64(thetaFile, new int[] {theta.length}, theta);
        Path cache = dir.resolve("cache");

        String javaRun = run(cache, "eval", "--theta", thetaFile.toString(), "--npy", x.toString(), "--backend", "java");
        assertTrue(javaRun.contains("EXIT=0"), javaRun);
        assertTrue(javaRun.contains("BLAS_MAPPED=\n") || javaRun.contains("BLAS_MAPPED=\r"), javaRun);
        assertTrue(javaRun.contains("MEASURED=false"), javaRun);

        // the same command with auto does load and measure, so the checks above can fail
        String autoRun = run(cache, "eval", "--theta", thetaFile.toString(), "--npy", x.toString());
        assertTrue(autoRun.contains("EXIT=0"), autoRun);
        assertTrue(autoRun.lines().anyMatch(l -> l.startsWith("BLAS_MAPPED=") && l.length() > "BLAS_MAPPED=".length()),
                autoRun);
        assertEquals(true, autoRun.contains("MEASURED=true"), autoRun);
    }
}
