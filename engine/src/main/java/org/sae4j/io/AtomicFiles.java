package org.sae4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that readers see either its old content or the complete new content, never a
 * partial file: the content goes to a temporary file in the same directory, is forced to the storage
 * device, and is then renamed over the target (atomically where the file system supports it). On any
 * failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {

    /** Produces the new content of a file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}; must not close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target}, replacing any existing file, as described above. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "a folder; cannot replace it with a file");
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", TEMP_SUFFIX, ordinaryPermissions(dir));
        } catch (NoSuchFileException e) {
            throw new FileSystemException(target.toString(), null, "cannot write it: its folder " + dir
                    + " does not exist");
        } catch (FileSystemException e) {
            // the temporary file's name means nothing to the user; the target does
            throw new FileSystemException(target.toString(), null, "cannot write it in " + dir + " ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * createTempFile makes owner-only files on POSIX; the result should look like any other file the
     * user creates (rw-r--r-- before the umask).
     */
    private static FileAttribute<?>[] ordinaryPermissions(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--"))};
    }

    /**
     * Makes the rename itself durable on POSIX systems. Some platforms (Windows) cannot open a
     * directory; there the rename is still atomic, only not guaranteed to survive a power failure.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot sync directory " + dir + ": " + e);
        }
    }
}
