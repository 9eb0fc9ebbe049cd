package org.sae4j.train;

import java.nio.file.Path;
import org.sae4j.io.FileFormatException;

/** A file is not an intact sae4j checkpoint: the message names the file and what is wrong with it. */
public final class CheckpointFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public CheckpointFormatException(Path file, String problem) {
        super(file, problem);
    }
}
