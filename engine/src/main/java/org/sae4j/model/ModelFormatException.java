package org.sae4j.model;

import java.nio.file.Path;
import org.sae4j.io.FileFormatException;

/** A file is not a valid sae4j model: the message names the file and what is wrong with it. */
public final class ModelFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(Path file, String problem) {
        super(file, problem);
    }
}
