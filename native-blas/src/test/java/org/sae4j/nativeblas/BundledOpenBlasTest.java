package org.sae4j.nativeblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledOpenBlasTest {

    private static BundledOpenBlas bundle() {
        return BundledOpenBlas.forPlatform("linux-x86_64").orElseThrow(
                () -> new AssertionError("the jar must carry the linux-x86_64 OpenBLAS"));
    }

    private static byte[] resource(BundledOpenBlas bundle, String file) throws IOException {
        try (InputStream in = BundledOpenBlas.class.getResourceAsStream("bundled/" + bundle.platform() + "/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theJarCarriesTheFourLibrariesWithTheirChecksums() throws IOException {
        BundledOpenBlas bundle = bundle();
        assertEquals(System.getProperty("sae4j.test.bundledVersion", bundle.version()), bundle.version(),
                "bundle.properties names the version the build copies (bundled.openblas.version)");
        assertEquals("0.3.31", bundle.openBlasVersion());
        assertEquals(List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0"),
                bundle.files(), "dependencies first, and not the JavaCPP JNI libraries");
        for (String file : bundle.files()) {
            Path copy = Files.createTempFile("bundled", file);
            try {
                Files.write(copy, resource(bundle, file));
                assertTrue(BundledOpenBlas.intact(copy, bundle.sha256().get(file)), file + " matches its SHA-256");
            } finally {
                Files.delete(copy);
            }
        }
        assertTrue(BundledOpenBlas.forPlatform("windows-x86_64").isEmpty());
    }

    @Test
    void platformNamesFollowBytedeco() {
        assertEquals("linux-x86_64", BundledOpenBlas.platform("Linux", "amd64"));
        assertEquals("linux-arm64", BundledOpenBlas.platform("Linux", "aarch64"));
        assertEquals("macosx-arm64", BundledOpenBlas.platform("Mac OS X", "aarch64"));
        assertEquals("windows-x86_64", BundledOpenBlas.platform("Windows 11", "amd64"));
    }

    @Test
    void unpackingWritesVerifiedFilesOnceAndReusesThem(@TempDir Path cache) throws IOException {
        BundledOpenBlas bundle = bundle();
        Path folder = bundle.unpack(cache);
        assertEquals(cache.resolve("native").resolve("openblas-" + bundle.version() + "-linux-x86_64"), folder);
        for (String file : bundle.files()) {
            assertArrayEquals(resource(bundle, file), Files.readAllBytes(folder.resolve(file)), file);
        }
        Object key = Files.readAttributes(folder.resolve("libopenblas.so.0"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        bundle.unpack(cache);
        assertEquals(key, Files.readAttributes(folder.resolve("libopenblas.so.0"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "an intact file is not written again");
        try (var files = Files.list(folder)) {
            assertEquals(bundle.files().size(), files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aDamagedOrTruncatedCacheFileIsUnpackedAgain(@TempDir Path cache) throws IOException {
        BundledOpenBlas bundle = bundle();
        Path folder = bundle.unpack(cache);
        Path gfortran = folder.resolve("libgfortran.so.5");
        try (FileChannel channel = FileChannel.open(gfortran, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x42}), 1000);
        }
        Path quadmath = folder.resolve("libquadmath.so.0");
        try (FileChannel channel = FileChannel.open(quadmath, StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }
        Files.delete(folder.resolve("libgcc_s.so.1"));
        assertFalse(BundledOpenBlas.intact(gfortran, bundle.sha256().get("libgfortran.so.5")));

        bundle.unpack(cache);
        for (String file : bundle.files()) {
            assertTrue(BundledOpenBlas.intact(folder.resolve(file), bundle.sha256().get(file)), file);
        }
    }

    @Test
    void concurrentFirstUseInOneJvmLeavesIntactFiles(@TempDir Path cache) throws Exception {
        BundledOpenBlas bundle = bundle();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit((Callable<Path>) () -> bundle.unpack(cache)));
            }
            for (Future<Path> r : results) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertIntact(bundle, bundle.folder(cache));
    }

    @Test
    void twoJvmsUnpackingAtOnceLeaveIntactFiles(@TempDir Path cache) throws Exception {
        BundledOpenBlas bundle = bundle();
        List<Thread> starters = new ArrayList<>();
        List<ForkedJvm.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    results.add(ForkedJvm.run(UnpackMain.class, Map.of(), Set.of(),
                            List.of("-Dsae4j.cache=" + cache), cache.toString()));
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            starters.add(t);
            t.start();
        }
        for (Thread t : starters) {
            t.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        for (ForkedJvm.Result r : results) {
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(bundle.folder(cache).toString(), r.value("UNPACKED").orElse(null), r.output());
        }
        assertIntact(bundle, bundle.folder(cache));
    }

    @Test
    void aFileWhereTheCacheFolderShouldBeGivesAClearMessage(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("native"), "not a folder");
        IOException e = assertThrows(IOException.class, () -> bundle().unpack(cache));
        assertTrue(e.getMessage().contains(cache.resolve("native").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dsae4j.cache=DIR"), e.getMessage());
    }

    @Test
    void staleFoldersOfOtherVersionsAndStaleTemporaryFilesAreRemovedAndOthersKept(@TempDir Path cache)
            throws IOException {
        java.nio.file.attribute.FileTime twoDaysAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        Path old = cache.resolve("native").resolve("openblas-0.3.20-1.5.7-linux-x86_64");
        Files.createDirectories(old);
        Files.writeString(old.resolve("libopenblas.so.0"), "old");
        Files.setLastModifiedTime(old, twoDaysAgo);
        Path recent = Files.createDirectories(cache.resolve("native").resolve("openblas-0.3.32-1.5.14-linux-x86_64"));
        Path otherPlatform = Files.createDirectories(cache.resolve("native").resolve("openblas-0.3.20-1.5.7-linux-arm64"));
        Files.setLastModifiedTime(otherPlatform, twoDaysAgo);
        Path unrelated = Files.createDirectories(cache.resolve("native").resolve("something-else"));
        Path folder = bundle().folder(cache);
        Files.createDirectories(folder);
        Path staleTemp = Files.writeString(folder.resolve(".libopenblas.so.0.123.tmp"), "half");
        Files.setLastModifiedTime(staleTemp, twoDaysAgo);
        Path freshTemp = Files.writeString(folder.resolve(".libgfortran.so.5.456.tmp"), "another JVM, now");
        bundle().unpack(cache);
        assertFalse(Files.exists(old), "untouched for a day: removed");
        assertTrue(Files.isDirectory(recent), "another version may be in use right now: kept");
        assertTrue(Files.isDirectory(otherPlatform));
        assertTrue(Files.isDirectory(unrelated));
        assertFalse(Files.exists(staleTemp), "left by a killed JVM: removed");
        assertTrue(Files.exists(freshTemp), "perhaps being written: kept");
        Files.delete(freshTemp);
    }

    private static void assertIntact(BundledOpenBlas bundle, Path folder) throws IOException {
        for (String file : bundle.files()) {
            assertTrue(BundledOpenBlas.intact(folder.resolve(file), bundle.sha256().get(file)), file);
        }
        try (var files = Files.list(folder)) {
            assertEquals(bundle.files().size(), files.count(), "no temporary files left behind");
        }
    }
}
