package org.sae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sae4j.backend.BackendUnavailableException;

/** Every user error: a non-zero exit code and exactly one {@code sae: error:} line, no stack trace. */
class ErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneErrorLine(Cli.Run run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode(), run.transcript());
        assertEquals(1, run.err().lines().count(), run.transcript());
        assertTrue(run.err().startsWith("sae: error: "), run.transcript());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.transcript());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "'" + f + "' in " + run.transcript());
        }
        assertEquals("", run.out(), "nothing on stdout");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.npy");
        assertOneErrorLine(Cli.run("train", "--npy", missing.toString(), "--out", dir.toString()), 1,
                "sae: error: file not found: " + missing);
        assertOneErrorLine(Cli.run("export", dir.resolve("nope.sae").toString(), "--dir", dir.toString()), 1,
                "file not found: " + dir.resolve("nope.sae"));
    }

    @Test
    void badNpy() throws IOException {
        Path bad = Files.write(dir.resolve("bad.npy"), "this is not numpy".getBytes());
        assertOneErrorLine(Cli.run("train", "--npy", bad.toString(), "--out", dir.toString()), 1, bad.toString());
    }

    @Test
    void damagedModel() throws IOException {
        Path bad = Files.write(dir.resolve("bad.sae"), new byte[100]);
        assertOneErrorLine(Cli.run("features", bad.toString()), 1, bad.toString());
    }

    @Test
    void rhoThatIsNotANumberIsNamed() {
        assertOneErrorLine(Cli.run("train", "--npy", "x.npy", "--rho", "abc"), 2, "--rho", "'abc'");
    }

    @Test
    void rhoOutOfRangeIsNamed() throws IOException {
        Path x = TestData.writeNpy(dir.resolve("x.npy"), TestData.samples(4, 5, 1));
        assertOneErrorLine(Cli.run("train", "--npy", x.toString(), "--rho", "2", "--out", dir.toString()), 2,
                "--rho must be in (0, 1), got 2.0");
        assertOneErrorLine(Cli.run("gradcheck", "--rho", "0"), 2, "--rho must be in (0, 1), got 0.0");
    }

    @Test
    void dataSourceMissingOrAmbiguous() {
        assertOneErrorLine(Cli.run("train"), 2, "sae: error: Missing required argument", "--npy");
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--csv", "b.csv"), 2, "--npy", "--csv");
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--patch", "8"), 2, "--patch");
        assertOneErrorLine(Cli.run("train", "--image-stack", "a.npy"), 2, "--patch");
    }

    @Test
    void badOptionValues() {
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--scale", "1/x"), 2, "'1/x'");
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--precision", "f16"), 2, "'f16'");
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--optimizer", "adam"), 2, "'adam'");
        assertOneErrorLine(Cli.run("train", "--npy", "a.npy", "--csv-header", "maybe"), 2, "'maybe'");
        assertOneErrorLine(Cli.run("gradcheck", "--threads", "0"), 2, "--threads must be >= 1, got 0");
        assertOneErrorLine(Cli.run("demo", "--samples", "-3"), 2, "--samples must be >= 1, got -3");
    }

    @Test
    void unknownBackendExplains() {
        assertOneErrorLine(Cli.run("gradcheck", "--backend", "cuda"), 2, "--backend: unknown backend 'cuda'");
    }

    @Test
    void unknownCommandOrOptionAndNoCommand() {
        assertOneErrorLine(Cli.run("frobnicate"), 2, "'frobnicate'");
        assertOneErrorLine(Cli.run("info", "--colour"), 2, "--colour");
        assertOneErrorLine(Cli.run(), 2, "missing command");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Run run = Cli.run("export", dir.resolve("nope.sae").toString(), "--dir", dir.toString(), "--verbose");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("sae: error: file not found: "), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void helpAndVersionSucceed() {
        Cli.Run help = Cli.run("train", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--image-stack"), help.out());
        Cli.Run version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("sae4j "), version.out());
    }

    @Test
    void describeMapsExceptionsToMessages() {
        assertEquals("file not found: a/b", ErrorReporter.describe(new NoSuchFileException("a/b")));
        assertEquals("file not found: a/b",
                ErrorReporter.describe(new UncheckedIOException(new NoSuchFileException("a/b"))));
        assertEquals("permission denied: /root/x", ErrorReporter.describe(new AccessDeniedException("/root/x")));
        assertEquals("no backend", ErrorReporter.describe(new BackendUnavailableException("no backend")));
        assertEquals("bad value", ErrorReporter.describe(new IllegalArgumentException("bad value")));
        assertEquals("I/O error: disk full", ErrorReporter.describe(new IOException("disk full")));
        assertEquals("out/model.sae is a folder", ErrorReporter.describe(new CommandFailure("out/model.sae is a folder")));
        assertEquals("m.sae: checksum mismatch", ErrorReporter.describe(
                new org.sae4j.model.ModelFormatException(java.nio.file.Path.of("m.sae"), "checksum mismatch")));
        assertTrue(ErrorReporter.describe(new InternalError("a fault occurred in an unsafe memory access operation"))
                .startsWith("a file read in place was cut short while it was read"));
        assertTrue(ErrorReporter.describe(new NullPointerException()).startsWith(
                "unexpected java.lang.NullPointerException"));
    }
}
