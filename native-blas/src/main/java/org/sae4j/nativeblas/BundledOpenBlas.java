package org.sae4j.nativeblas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sae4j.io.AtomicFiles;
import org.sae4j.io.UserCache;

/**
 * The OpenBLAS this jar carries (from {@code org.bytedeco:openblas}, see {@code bundle.properties}),
 * and its unpacking into the user cache, where the dynamic loader can open it.
 *
 * <p>The files go to {@code <cache>/native/openblas-<version>-<platform>/}, one folder per version.
 * Each file is checked against its SHA-256 on every first use in a JVM; a missing or damaged one is
 * unpacked again, to a temporary name in the same folder, checked, then renamed into place. Two JVMs
 * starting at once therefore each either find a complete file or put one there; neither ever sees a
 * partial file. Folders of other versions are removed.
 *
 * @param platform        e.g. {@code linux-x86_64}
 * @param version         the artifact version, e.g. {@code 0.3.31-1.5.13}
 * @param openBlasVersion the OpenBLAS release, e.g. {@code 0.3.31}
 * @param library         the file to load, e.g. {@code libopenblas.so.0}
 * @param files           every file, in the order they must be loaded (dependencies first)
 * @param sha256          each file's expected SHA-256, lower-case hex
 */
record BundledOpenBlas(String platform, String version, String openBlasVersion, String library, List<String> files,
                       Map<String, String> sha256) {

    private static final System.Logger LOG = System.getLogger(BundledOpenBlas.class.getName());
    private static final String FOLDER_PREFIX = "openblas-";
    /** How long a folder of another version, or a temporary file, must lie untouched before it goes. */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofDays(1);

    /** The bundle for the platform this JVM runs on, if this jar carries one. */
    static Optional<BundledOpenBlas> forThisPlatform() {
        return forPlatform(platform(System.getProperty("os.name", ""), System.getProperty("os.arch", "")));
    }

    static Optional<BundledOpenBlas> forPlatform(String platform) {
        String resource = "bundled/" + platform + "/bundle.properties";
        try (InputStream in = BundledOpenBlas.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            List<String> files = List.of(p.getProperty("files").trim().split("\\s+"));
            Map<String, String> sums = files.stream().collect(Collectors.toMap(f -> f,
                    f -> p.getProperty("sha256." + f).trim().toLowerCase(Locale.ROOT)));
            return Optional.of(new BundledOpenBlas(platform, p.getProperty("version").trim(),
                    p.getProperty("openblas").trim(), p.getProperty("library").trim(), files, sums));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the bundled OpenBLAS description " + resource + " in the sae4j "
                    + "native-blas jar is unreadable: " + e, e);
        }
    }

    /** The platform names bytedeco uses: {@code linux-x86_64}, {@code linux-arm64}, {@code macosx-arm64}, ... */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx"
                : os.startsWith("windows") ? "windows" : os.replaceAll("\\W", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return system + "-" + arch;
    }

    /** The folder this bundle unpacks into under {@code cacheRoot}. */
    Path folder(Path cacheRoot) {
        return cacheRoot.resolve("native").resolve(FOLDER_PREFIX + version + "-" + platform);
    }

    /**
     * Makes every file present and intact in {@link #folder(Path)}, and returns the folder.
     *
     * @throws IOException with a message that names the folder and says what to do
     */
    Path unpack(Path cacheRoot) throws IOException {
        Path folder = folder(cacheRoot);
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            Optional<Path> blocker = fileInTheWay(folder);
            throw new IOException("cannot create the sae4j cache folder " + folder + " for the bundled OpenBLAS ("
                    + (blocker.isPresent() ? blocker.get() + " is a file, where a folder should be" : e.toString())
                    + "); " + UserCache.howToMove(), e);
        }
        for (String file : files) {
            Path target = folder.resolve(file);
            if (intact(target, sha256.get(file))) {
                continue;
            }
            if (Files.exists(target)) {
                LOG.log(Level.WARNING, "{0} does not match its checksum; unpacking it again", target);
            }
            try {
                AtomicFiles.write(target, out -> copyChecked(file, out));
            } catch (IOException e) {
                throw new IOException("cannot unpack the bundled OpenBLAS into " + folder + " (" + e + "); "
                        + UserCache.howToMove(), e);
            }
        }
        removeOtherVersions(folder);
        return folder;
    }

    /** The nearest existing ancestor of {@code folder} (or itself), if it is not a folder. */
    private static Optional<Path> fileInTheWay(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code file} exists with the expected content. */
    static boolean intact(Path file, String expectedSha256) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            return expectedSha256.equals(drainAndDigest((DigestInputStream) in));
        } catch (IOException e) {
            return false;
        }
    }

    private void copyChecked(String file, OutputStream out) throws IOException {
        String resource = "bundled/" + platform + "/" + file;
        try (InputStream raw = BundledOpenBlas.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new NoSuchFileException(resource, null, "missing from the sae4j native-blas jar");
            }
            DigestInputStream in = new DigestInputStream(raw, newDigest());
            in.transferTo(out);
            String actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
            if (!actual.equals(sha256.get(file))) {
                throw new IOException(resource + " in the sae4j native-blas jar is damaged: SHA-256 " + actual
                        + ", expected " + sha256.get(file));
            }
        }
    }

    private static String drainAndDigest(DigestInputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (in.read(buffer) >= 0) {
            // the digest sees every byte read
        }
        return HexFormat.of().formatHex(in.getMessageDigest().digest());
    }

    /**
     * Removes folders of other versions that nothing has written to for {@link #STALE_AFTER} (another
     * version's JVM may be unpacking or loading one right now), and temporary files left in the
     * current folder by JVMs that were killed while unpacking. Best effort: a failure here costs
     * disk space, never the load.
     */
    private void removeOtherVersions(Path current) {
        Path parent = current.getParent();
        String suffix = "-" + platform;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(FOLDER_PREFIX)
                        && p.getFileName().toString().endsWith(suffix) && !p.equals(current))) {
            for (Path old : siblings) {
                if (stale(old)) {
                    deleteTree(old);
                    LOG.log(Level.INFO, "removed {0}, left by another version of sae4j", old);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot clean " + parent + ": " + e);
        }
        try (DirectoryStream<Path> temporary = Files.newDirectoryStream(current, ".*.tmp")) {
            for (Path t : temporary) {
                if (stale(t)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot clean " + current + ": " + e);
        }
    }

    private static boolean stale(Path p) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isBefore(java.time.Instant.now().minus(STALE_AFTER));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
