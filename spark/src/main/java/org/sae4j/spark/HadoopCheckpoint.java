package org.sae4j.spark;

import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.sae4j.train.Checkpoint;
import org.sae4j.train.CheckpointFile;
import org.sae4j.train.CheckpointStore;

/**
 * A checkpoint file on any Hadoop file system, written by the driver, so that it outlives the driver's
 * container in cluster mode and an application's re-attempt can resume from it.
 */
public final class HadoopCheckpoint implements CheckpointStore {
    private final Configuration conf;
    private final String path;

    public HadoopCheckpoint(Configuration conf, String path) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public void write(Checkpoint checkpoint) throws IOException {
        Outputs.writeLocally(conf, path, local -> CheckpointFile.write(local, checkpoint));
    }

    @Override
    public String name() {
        return path;
    }

    /** Whether there is a checkpoint to resume: the file, or the one a crash left aside while replacing it. */
    public boolean exists() throws IOException {
        return Outputs.exists(conf, path) || Outputs.exists(conf, previous());
    }

    /** The checkpoint, fully validated; the one left aside if a crash came between the two renames. */
    public Checkpoint read() throws IOException {
        String file = Outputs.exists(conf, path) ? path : previous();
        return Outputs.readLocally(conf, file, CheckpointFile::read);
    }

    private String previous() {
        return Outputs.previousOf(new org.apache.hadoop.fs.Path(path)).toString();
    }
}
