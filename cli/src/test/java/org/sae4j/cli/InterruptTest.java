package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.optim.Termination;
import org.sae4j.options.EngineOptions;
import picocli.CommandLine;

/** A real {@code sae} process, stopped the way Ctrl-C stops it: through the JVM's shutdown hooks. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void terminatedTrainingSavesTheBestModelSoFar() throws Exception {
        Path out = dir.resolve("out");
        String classpath = String.join(File.pathSeparator, location(Sae.class), location(SparseAutoencoderConfig.class),
                location(EngineOptions.class), location(CommandLine.class));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", classpath, Main.class.getName(), "demo",
                "--images", "2", "--image-size", "64", "--samples", "3000", "--iterations", "100000",
                "--progress-every", "5", "--threads", "1", "--out", out.toString()))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                err.append(line).append('\n');
                if (line.startsWith("iteration 10/")) {
                    // Process.destroy() would close our end of stderr. SIGTERM takes the JVM down the same
                    // path as Ctrl-C's SIGINT, but unlike SIGINT it is not ignored in background jobs.
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
        assertNotEquals(0, p.exitValue(), err.toString());
        assertTrue(err.toString().contains("saving the best model so far"), err.toString());

        StoredModel model = ModelFile.read(out.resolve("model.sae"));
        assertEquals(Termination.CANCELLED.description(), model.metadata().terminationReason(), err.toString());
        assertTrue(model.metadata().iterations() >= 10, "iterations " + model.metadata().iterations());
        assertTrue(out.resolve("features.png").toFile().isFile());
        assertTrue(out.resolve("cost.png").toFile().isFile());
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
