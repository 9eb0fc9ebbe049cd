package org.sae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.sae4j.backend.AutoSelection;
import org.sae4j.io.UserCache;

/**
 * Run in a forked JVM by {@link NamedBackendTest}: runs one {@code sae} command, then prints whether
 * any BLAS library got mapped into the process and whether a backend measurement was remembered.
 */
public final class NamedBackendMain {

    private NamedBackendMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true);
        int code = Sae.commandLine(new Environment(out, new PrintWriter(System.err, true), false, false)).execute(args);
        String blas = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("blas")).map(l -> l.replaceFirst("^.* ", "")).distinct()
                .collect(Collectors.joining(","));
        out.println("EXIT=" + code);
        out.println("BLAS_MAPPED=" + blas);
        out.println("MEASURED=" + Files.exists(UserCache.root().resolve(AutoSelection.CHOICES_FILE)));
    }
}
