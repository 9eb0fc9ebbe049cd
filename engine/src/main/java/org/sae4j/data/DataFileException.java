package org.sae4j.data;

import java.io.IOException;

/**
 * A data file could be read but its content is not what the reader expects: wrong magic number,
 * malformed header, unsupported type, truncated data, non-finite values and the like. The message
 * names the file and the place of the problem.
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
