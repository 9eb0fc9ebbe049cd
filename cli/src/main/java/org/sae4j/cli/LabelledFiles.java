package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.Labels;

/** Reads the labels of samples for {@code classify}, {@code predict} and {@code self-taught}. */
final class LabelledFiles {
    private LabelledFiles() {
    }

    /**
     * The samples of {@code dataFile} with their labels: column {@code labelColumn} of a CSV table, or the
     * labels file, which must hold one label per sample.
     */
    static Labels.Labelled labelled(Dataset samples, Path dataFile, Path labelsFile, Integer labelColumn)
            throws IOException {
        if (labelColumn != null) {
            return Labels.takeColumn(samples, labelColumn, dataFile);
        }
        int[] labels = Labels.read(labelsFile);
        if (labels.length != samples.samples()) {
            throw new DataFileException(labelsFile + " has " + labels.length + " labels but " + dataFile + " has "
                    + samples.samples() + " samples; give one label per sample");
        }
        return new Labels.Labelled(samples, labels);
    }
}
