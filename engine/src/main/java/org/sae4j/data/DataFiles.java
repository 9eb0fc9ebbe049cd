package org.sae4j.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the readers, so that every message names the file. */
final class DataFiles {

    private DataFiles() {
    }

    /**
     * A file read into the heap must fit what the JVM may still allocate: refused before any of it is
     * read, naming the sizes and {@code instead}, the way to read it without the heap.
     */
    static void requireHeap(String source, long bytes, String instead) throws DataFileException {
        Runtime r = Runtime.getRuntime();
        long available = r.maxMemory() - (r.totalMemory() - r.freeMemory());
        if (bytes > available) {
            throw new DataFileException(String.format(java.util.Locale.ROOT, "%s: its values take %.2f GiB on the heap,"
                    + " more than the %.2f GiB the JVM may still use; %s, or give the JVM more (JAVA_OPTS=-Xmx...)",
                    source, bytes / (double) (1L << 30), available / (double) (1L << 30), instead));
        }
    }

    /** A folder where a data file is expected is named as such, not reported as a bare I/O error. */
    static void requireFile(Path file) throws DataFileException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + " is a folder; expected a data file");
        }
    }
}
