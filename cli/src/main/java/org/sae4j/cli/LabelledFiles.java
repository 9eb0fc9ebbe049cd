package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.data.CsvReader;
import org.sae4j.data.DataFileException;
import org.sae4j.data.Dataset;
import org.sae4j.data.IdxReader;
import org.sae4j.data.Labels;
import org.sae4j.data.NpyReader;

/** Reads samples and their labels for {@code classify}, {@code predict} and {@code self-taught}. */
final class LabelledFiles {
    private LabelledFiles() {
    }

    /**
     * Samples from exactly one of an IDX image file, an NPY (m, v) array or a CSV file: read in place where
     * the file allows it (NPY in C order, uncompressed IDX), or into the heap with {@code load} (and always
     * for gzip IDX and CSV).
     */
    static Dataset readSamples(Path idx, Path npy, Path csv, CsvReader.Header header, boolean load)
            throws IOException {
        if (idx != null) {
            return load ? IdxReader.readImages(idx) : IdxReader.openImages(idx);
        }
        if (npy != null) {
            return load ? NpyReader.readSamples(npy) : NpyReader.openSamples(npy);
        }
        return CsvReader.read(csv, header);
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
