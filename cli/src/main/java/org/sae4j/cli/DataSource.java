package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.data.CsvReader;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import picocli.CommandLine.Option;

/** Where {@code sae train} reads its data: exactly one of these options (a picocli exclusive group). */
final class DataSource {
    @Option(names = "--idx", paramLabel = "FILE", required = true,
            description = "IDX image file (MNIST / Fashion-MNIST), plain or gzip; one image per sample.")
    Path idx;

    @Option(names = "--npy", paramLabel = "FILE", required = true,
            description = "NPY array of shape (m, v), one sample per row.")
    Path npy;

    @Option(names = "--csv", paramLabel = "FILE", required = true,
            description = "CSV numbers, one sample per line (see --csv-header).")
    Path csv;

    @Option(names = "--images", paramLabel = "DIR", required = true,
            description = "Folder of PNG/JPEG images to cut --patch patches from.")
    Path images;

    @Option(names = "--image-stack", paramLabel = "FILE.npy", required = true,
            description = "NPY images (n, height, width) or one image (height, width) to cut --patch patches from.")
    Path imageStack;

    /** Whether this source holds whole images that patches are cut from. */
    boolean isImages() {
        return images != null || imageStack != null;
    }

    /** The file or folder named. */
    Path path() {
        return idx != null ? idx : npy != null ? npy : csv != null ? csv : images != null ? images : imageStack;
    }

    /** Reads a samples source (IDX, NPY, CSV): in place where it can, or into the heap with {@code load}. */
    Dataset readSamples(CsvReader.Header csvHeader, boolean load) throws IOException {
        return LabelledFiles.readSamples(idx, npy, csv, csvHeader, load);
    }

    /** Reads an image source (folder or NPY stack). */
    ImageStack readImages() throws IOException {
        return images != null ? ImageStack.fromFolder(images) : ImageStack.fromNpy(imageStack);
    }
}
