package org.sae4j.nativeblas;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a shared library by name the way the Linux dynamic loader would, without loading it:
 * {@code LD_LIBRARY_PATH}, the folders {@code /etc/ld.so.conf} lists, then the default folders. This
 * lets sae4j check that the system BLAS exists and loads before netlib tries it: netlib can try only
 * once per JVM, and prints the loader's error on stderr when it fails.
 */
final class SystemLibraryPath {

    private SystemLibraryPath() {
    }

    /** The file {@code name} (e.g. {@code libblas.so.3}) resolves to, if any. */
    static Optional<Path> find(String name) {
        return find(name, System.getenv("LD_LIBRARY_PATH"), Path.of("/etc/ld.so.conf"));
    }

    static Optional<Path> find(String name, String ldLibraryPath, Path ldSoConf) {
        for (Path folder : searchFolders(ldLibraryPath, ldSoConf)) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Path> searchFolders(String ldLibraryPath, Path ldSoConf) {
        Set<Path> folders = new LinkedHashSet<>();
        if (ldLibraryPath != null) {
            for (String entry : ldLibraryPath.split(":")) {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        readConf(ldSoConf, folders, 0);
        String multiarch = multiarch();
        for (String base : new String[] {"/lib", "/usr/lib"}) {
            if (multiarch != null) {
                folders.add(Path.of(base, multiarch));
            }
        }
        for (String folder : new String[] {"/lib64", "/usr/lib64", "/lib", "/usr/lib"}) {
            folders.add(Path.of(folder));
        }
        return new ArrayList<>(folders);
    }

    private static String multiarch() {
        switch (System.getProperty("os.arch", "")) {
            case "amd64": case "x86_64": return "x86_64-linux-gnu";
            case "aarch64": return "aarch64-linux-gnu";
            default: return null;
        }
    }

    /** Adds the folders of an ld.so.conf file, following {@code include} lines (with * patterns). */
    private static void readConf(Path conf, Set<Path> folders, int depth) {
        if (depth > 4 || !Files.isRegularFile(conf)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String raw : lines) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                Path pattern = Path.of(line.substring("include ".length()).strip());
                Path dir = pattern.getParent() == null ? Path.of("/") : pattern.getParent();
                if (!pattern.isAbsolute()) {
                    dir = conf.getParent().resolve(dir);
                }
                try (DirectoryStream<Path> included = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
                    List<Path> sorted = new ArrayList<>();
                    included.forEach(sorted::add);
                    sorted.sort(null);
                    for (Path p : sorted) {
                        readConf(p, folders, depth + 1);
                    }
                } catch (IOException | RuntimeException e) {
                    // an unreadable include adds nothing
                }
            } else if (line.startsWith("/")) {
                folders.add(Path.of(line));
            }
        }
    }
}
