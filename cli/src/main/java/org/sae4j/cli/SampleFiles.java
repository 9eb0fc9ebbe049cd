package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.data.CsvReader;
import org.sae4j.data.Dataset;
import org.sae4j.data.IdxReader;
import org.sae4j.data.NpyReader;
import picocli.CommandLine.Option;

/**
 * Where a command reads its samples: exactly one of {@code --idx}, {@code --npy}, {@code --csv} (a picocli
 * exclusive group, used by {@code train}, {@code classify} and {@code predict}).
 */
class SampleFiles {
    @Option(names = "--idx", paramLabel = "FILE", required = true,
            description = "IDX images (MNIST / Fashion-MNIST), plain (read in place) or gzip; one image per sample.")
    Path idx;

    @Option(names = "--npy", paramLabel = "FILE", required = true,
            description = "NPY array (m, v), one sample per row, read in place in its own dtype.")
    Path npy;

    @Option(names = "--csv", paramLabel = "FILE", required = true,
            description = "CSV numbers, one sample per line (see --csv-header).")
    Path csv;

    /** The file named. */
    Path path() {
        return idx != null ? idx : npy != null ? npy : csv;
    }

    /**
     * Reads it: in place where the file allows it (NPY in C order, uncompressed IDX), or into the heap with
     * {@code load} (and always for gzip IDX and CSV).
     */
    Dataset read(CsvReader.Header header, boolean load) throws IOException {
        if (idx != null) {
            return load ? IdxReader.readImages(idx) : IdxReader.openImages(idx);
        }
        if (npy != null) {
            return load ? NpyReader.readSamples(npy) : NpyReader.openSamples(npy);
        }
        return CsvReader.read(csv, header);
    }
}
