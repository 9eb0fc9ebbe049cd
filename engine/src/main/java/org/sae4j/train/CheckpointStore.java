package org.sae4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run's checkpoints go: a local file ({@link #file}), or any store that can replace one
 * checkpoint with the next whole (the Spark module's Hadoop file systems). A store that cannot write
 * ends the run, naming itself.
 */
public interface CheckpointStore {
    /** Replaces the stored checkpoint with {@code checkpoint}; a reader sees the old one or the new one. */
    void write(Checkpoint checkpoint) throws IOException;

    /** The store as a user names it, for messages. */
    String name();

    /** A local file, replaced atomically by {@link CheckpointFile#write}. */
    static CheckpointStore file(Path file) {
        Objects.requireNonNull(file, "file");
        return new CheckpointStore() {
            @Override
            public void write(Checkpoint checkpoint) throws IOException {
                CheckpointFile.write(file, checkpoint);
            }

            @Override
            public String name() {
                return file.toString();
            }
        };
    }
}
