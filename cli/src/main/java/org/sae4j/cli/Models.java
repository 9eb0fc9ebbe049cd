package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.autoencoder.SparseAutoencoder;
import org.sae4j.model.ModelFile;
import org.sae4j.model.StoredModel;
import org.sae4j.train.TrainedModel;

/** Loading a saved model for the commands that use one. */
final class Models {
    private Models() {
    }

    /** Reads and validates {@code file} (a {@code ModelFormatException} names it if it is damaged). */
    static TrainedModel load(Path file) throws IOException {
        StoredModel m = ModelFile.read(file);
        return new TrainedModel(new SparseAutoencoder(m.visible(), m.hidden(), m.rho(), m.lambda(), m.beta()),
                m.theta());
    }
}
