package org.sae4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;

/**
 * A run's files on any Hadoop file system: {@code model.sae} (the engine's model format) and
 * {@code cost.csv} (iteration, J) in a folder, and single files such as checkpoints. On a local folder
 * each file is replaced atomically. Elsewhere each is written under a temporary name beside the target;
 * the file it replaces is renamed aside, the new one renamed into place, and the old one deleted, so
 * that after a crash at any point the old or the new file is there, under its name or, between the two
 * renames, as {@code .NAME.previous}. An object store ({@code s3a://}) renames by copying: there a reader
 * may see a partial file while a rename runs.
 */
public final class Outputs {
    private Outputs() {
    }

    /** Writes {@code folder/model.sae} and {@code folder/cost.csv}; returns the model's path. */
    static String write(Configuration conf, String folder, StoredModel model, double[] costHistory) throws IOException {
        StringBuilder csv = new StringBuilder("iteration,cost\n");
        for (int i = 0; i < costHistory.length; i++) {
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", costHistory[i])).append('\n');
        }
        String path = writeModel(conf, folder, model);
        byte[] costs = csv.toString().getBytes(StandardCharsets.UTF_8);
        writeBytes(conf, new org.apache.hadoop.fs.Path(folder, "cost.csv").toString(), costs);
        return path;
    }

    /** Writes {@code folder/model.sae}; returns its path. */
    public static String writeModel(Configuration conf, String folder, StoredModel model) throws IOException {
        String target = new org.apache.hadoop.fs.Path(folder, "model.sae").toString();
        writeLocally(conf, target, local -> ModelFile.write(local, model));
        return target;
    }

    /** Reads a model file from any Hadoop path, with the engine's checks. */
    public static StoredModel readModel(Configuration conf, String file) throws IOException {
        return readLocally(conf, file, ModelFile::read);
    }

    /** A local file's writer, run on the file that is then put at the target. */
    @FunctionalInterface
    public interface LocalWrite {
        void to(Path local) throws IOException;
    }

    /** A local file's reader. */
    @FunctionalInterface
    public interface LocalRead<T> {
        T from(Path local) throws IOException;
    }

    /** Writes {@code target} (a Hadoop path) through a local file made by {@code write}. */
    public static void writeLocally(Configuration conf, String target, LocalWrite write) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(target);
        FileSystem fs = path.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            Path local = Path.of(fs.makeQualified(path).toUri());
            Files.createDirectories(local.getParent());
            write.to(local);
            return;
        }
        Path temp = Files.createTempFile("sae4j-", ".tmp");
        try {
            write.to(temp);
            writeBytes(conf, target, Files.readAllBytes(temp));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads {@code source} (a Hadoop path) through a local copy, or the file itself when it is local. */
    public static <T> T readLocally(Configuration conf, String source, LocalRead<T> read) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(source);
        FileSystem fs = path.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            return read.from(Path.of(fs.makeQualified(path).toUri()));
        }
        Path temp = Files.createTempFile("sae4j-", ".tmp");
        try {
            try (InputStream in = fs.open(path)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            return read.from(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Whether {@code path} (a Hadoop path) exists. */
    public static boolean exists(Configuration conf, String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        return p.getFileSystem(conf).exists(p);
    }

    private static void writeBytes(Configuration conf, String target, byte[] content) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(target);
        FileSystem fs = path.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            Path local = Path.of(fs.makeQualified(path).toUri());
            Files.createDirectories(local.getParent());
            AtomicFiles.write(local, out -> out.write(content));
            return;
        }
        fs.mkdirs(path.getParent());
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(path.getParent(), "." + path.getName() + ".tmp");
        org.apache.hadoop.fs.Path previous = previousOf(path);
        try (OutputStream out = fs.create(temp, true)) {
            out.write(content);
        }
        // the old file goes aside before the new one takes its name, so that one of them is always there
        fs.delete(previous, false);
        if (fs.exists(path) && !fs.rename(path, previous)) {
            throw new IOException("cannot rename " + path + " to " + previous);
        }
        if (!fs.rename(temp, path)) {
            throw new IOException("cannot rename " + temp + " to " + path);
        }
        fs.delete(previous, false);
    }

    /** Where {@link #writeBytes} keeps the file it replaces while it renames the new one into place. */
    static org.apache.hadoop.fs.Path previousOf(org.apache.hadoop.fs.Path path) {
        return new org.apache.hadoop.fs.Path(path.getParent(), "." + path.getName() + ".previous");
    }
}
