package org.sae4j.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the readers, so that every message names the file. */
final class DataFiles {

    private DataFiles() {
    }

    /** A folder where a data file is expected is named as such, not reported as a bare I/O error. */
    static void requireFile(Path file) throws DataFileException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file + " is a folder; expected a data file");
        }
    }
}
