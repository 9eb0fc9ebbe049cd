package org.sae4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not an intact file of one of sae4j's formats (a model, a classifier, a checkpoint): the
 * message names the file and what is wrong with it. Each format has its own subclass; a caller that
 * reports failures handles this one.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    protected FileFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }
}
