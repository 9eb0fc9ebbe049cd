package org.sae4j.deep;

import java.nio.file.Path;
import org.sae4j.io.FileFormatException;

/** A file is not a valid sae4j network: the message names the file and what is wrong with it. */
public final class NetworkFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    public NetworkFormatException(Path file, String problem) {
        super(file, problem);
    }
}
