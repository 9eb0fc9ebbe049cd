package org.sae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesNewFileAndReplacesExistingOne() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));

        AtomicFiles.write(target, out -> out.write("second, longer".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void failureWhileWritingKeepsOldContentAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full (simulated)");

        IOException thrown = assertThrows(IOException.class, () ->
                AtomicFiles.write(target, out -> {
                    out.write(new byte[100_000]);
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void runtimeFailureOnANewFileLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () ->
                AtomicFiles.write(target, out -> {
                    throw new IllegalStateException("bug");
                }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listDir());
    }

    @Test
    void resultHasTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
        expected.remove(PosixFilePermission.GROUP_WRITE);
        expected.remove(PosixFilePermission.OTHERS_WRITE);

        Path target = dir.resolve("atomic");
        AtomicFiles.write(target, out -> out.write(1));

        assertEquals(expected, Files.getPosixFilePermissions(target));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        }
    }
}
