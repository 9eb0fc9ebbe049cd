package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.model.ModelFile;
import org.sae4j.model.TrainedModel;
import picocli.CommandLine.Parameters;

/** The model file that {@code export}, {@code encode} and {@code features} take as their first argument. */
final class ModelArgument {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by train or demo.")
    Path file;

    /** The model it holds; a damaged file is a {@code ModelFormatException} naming it. */
    TrainedModel read() throws IOException {
        return ModelFile.read(file).model();
    }
}
