package org.sae4j.classify;

import java.io.IOException;
import java.nio.file.Path;

/** A file is not a valid sae4j classifier: the message names the file and what is wrong with it. */
public final class ClassifierFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ClassifierFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }
}
