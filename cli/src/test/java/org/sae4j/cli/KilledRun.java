package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.options.EngineOptions;
import picocli.CommandLine;

/** Runs {@code sae} in a child JVM and SIGKILLs it at a chosen line of its progress. */
final class KilledRun {
    private KilledRun() {
    }

    /**
     * @param killAt told of every stderr line in turn; the child is killed at the first line it accepts
     * @return the child's stderr up to the kill
     */
    static String runAndKill(Path dir, List<String> args, Predicate<String> killAt) throws Exception {
        String classpath = String.join(File.pathSeparator, location(Sae.class), location(SparseAutoencoderConfig.class),
                location(EngineOptions.class), location(CommandLine.class));
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, Main.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                err.append(line).append('\n');
                if (killAt.test(line)) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
        assertEquals(137, p.exitValue(), "killed by SIGKILL\n" + err);
        return err.toString();
    }

    /** The iteration a progress line reports, or -1 for another line. */
    static int iteration(String line) {
        return line.startsWith("iteration ") ? Integer.parseInt(line.substring(10, line.indexOf('/'))) : -1;
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
