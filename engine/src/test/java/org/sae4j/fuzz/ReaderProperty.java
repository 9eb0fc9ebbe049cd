package org.sae4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.sae4j.data.DataFileException;
import org.sae4j.io.FileFormatException;

/**
 * The property every reader must have, whatever bytes it is given: it returns valid data or throws its
 * documented exception with the file's name in the message; never another exception, never a hang,
 * and never an allocation beyond a fixed multiple of the bytes it decoded.
 */
final class ReaderProperty {
    /** Allocation allowed per decoded byte: a double per byte of pixels, plus copies on the way. */
    static final long BYTES_PER_DECODED_BYTE = 64;
    /** Buffers and bookkeeping any read may allocate whatever its input: streams, names, exceptions. */
    static final long FIXED_ALLOWANCE = 16L << 20;
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** A read of one file, as the product does it. */
    @FunctionalInterface
    interface Read {
        Object from(Path file) throws IOException;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("sae4j-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
    }

    private ReaderProperty() {
    }

    /** A scratch folder for targets that read folders. */
    static Path scratch(String name) throws IOException {
        Path dir = DIR.resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Writes {@code input} to a file named {@code name} and checks the property on {@code read}.
     *
     * @param decodedBytes what the input decodes to at most (its length, or more for compressed data)
     */
    static void check(byte[] input, String name, long decodedBytes, Read read) throws IOException {
        Path file = DIR.resolve(name);
        Files.write(file, input);
        check(file, decodedBytes, read);
    }

    static void check(Path file, long decodedBytes, Read read) {
        long allowed = BYTES_PER_DECODED_BYTE * decodedBytes + FIXED_ALLOWANCE;
        long allocated = readOnce(file, read);
        if (allocated > allowed) {
            // the first read of a path may load (and, when fuzzing, instrument) classes on this thread;
            // a reader that trusts a size it has not decoded allocates again
            allocated = readOnce(file, read);
        }
        assertTrue(allocated <= allowed, "allocated " + allocated + " bytes for " + decodedBytes
                + " decoded bytes; allowed " + allowed);
    }

    /** Reads, checks what it threw and how long it took, and returns the bytes it allocated. */
    private static long readOnce(Path file, Read read) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            read.from(file);
        } catch (DataFileException | FileFormatException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()),
                    "the message names the file: " + e.getMessage());
        } catch (Throwable e) {
            fail("a reader may only throw its documented exception, got " + e, e);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(TIME_LIMIT) < 0, "took " + took);
        return allocated;
    }
}
