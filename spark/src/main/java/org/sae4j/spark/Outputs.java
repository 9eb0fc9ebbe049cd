package org.sae4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.sae4j.io.AtomicFiles;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;

/**
 * Writes a run's results into a folder given as a Hadoop path: {@code model.sae} and {@code cost.csv}
 * (iteration, J). On a local folder each file is replaced atomically. Elsewhere each is written under a
 * temporary name beside the target and then renamed, which HDFS does atomically but an object store
 * ({@code s3a://}) does as a copy: there a reader may see a partial file while the rename runs.
 */
final class Outputs {
    private Outputs() {
    }

    static String write(Configuration conf, String folder, StoredModel model, double[] costHistory) throws IOException {
        StringBuilder csv = new StringBuilder("iteration,cost\n");
        for (int i = 0; i < costHistory.length; i++) {
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", costHistory[i])).append('\n');
        }
        byte[] costs = csv.toString().getBytes(StandardCharsets.UTF_8);
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(folder);
        FileSystem fs = dir.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            Path local = Path.of(fs.makeQualified(dir).toUri());
            Files.createDirectories(local);
            ModelFile.write(local.resolve("model.sae"), model);
            AtomicFiles.write(local.resolve("cost.csv"), out -> out.write(costs));
            return local.resolve("model.sae").toString();
        }
        Path temp = Files.createTempFile("sae4j-model-", ".sae");
        try {
            ModelFile.write(temp, model);
            fs.mkdirs(dir);
            copyThenRename(fs, Files.readAllBytes(temp), new org.apache.hadoop.fs.Path(dir, "model.sae"));
            copyThenRename(fs, costs, new org.apache.hadoop.fs.Path(dir, "cost.csv"));
        } finally {
            Files.deleteIfExists(temp);
        }
        return URI.create(dir.toString() + "/model.sae").toString();
    }

    private static void copyThenRename(FileSystem fs, byte[] content, org.apache.hadoop.fs.Path target)
            throws IOException {
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName()
                + ".tmp");
        try (OutputStream out = fs.create(temp, true)) {
            out.write(content);
        }
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }
}
