package org.sae4j.classify;

import java.nio.file.Path;
import org.sae4j.io.FileFormatException;

/** A file is not a valid sae4j classifier: the message names the file and what is wrong with it. */
public final class ClassifierFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public ClassifierFormatException(Path file, String problem) {
        super(file, problem);
    }
}
