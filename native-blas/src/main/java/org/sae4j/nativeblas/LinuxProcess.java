package org.sae4j.nativeblas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about this process: which files are mapped (the native libraries
 * loaded) and which threads exist under which name. Every method answers empty where there is no
 * {@code /proc} (macOS, Windows).
 */
final class LinuxProcess {

    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path CURRENT_THREAD_NAME = Path.of("/proc/thread-self/comm");

    private LinuxProcess() {
    }

    /** Absolute paths of the files mapped into this process, in address order, each once. */
    static List<String> mappedFiles() {
        if (!Files.isReadable(MAPS)) {
            return List.of();
        }
        Set<String> files = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(MAPS)) {
                int slash = line.indexOf('/');
                if (slash >= 0) {
                    files.add(line.substring(slash).replace(" (deleted)", ""));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        return new ArrayList<>(files);
    }

    /** The kernel's name of the calling thread (at most 15 characters), which threads it starts inherit. */
    static Optional<String> currentThreadName() {
        try {
            return Optional.of(Files.readString(CURRENT_THREAD_NAME).strip());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Ids of the live threads of this process whose kernel name is {@code name}. */
    static Set<String> threadIdsNamed(String name) {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                        ids.add(task.getFileName().toString());
                    }
                } catch (IOException | UncheckedIOException exited) {
                    // The thread ended while we listed; it is not live.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return Set.of();
        }
        return ids;
    }
}
