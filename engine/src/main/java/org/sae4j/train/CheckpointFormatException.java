package org.sae4j.train;

import java.io.IOException;
import java.nio.file.Path;

/** A file is not an intact sae4j checkpoint: the message names the file and what is wrong with it. */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CheckpointFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }
}
