package org.sae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sae4j.data.CsvReader;
import org.sae4j.data.Dataset;
import org.sae4j.data.ImageStack;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where {@code sae train} reads its data: a samples file, or images to cut patches from (a picocli
 * exclusive group).
 */
final class DataSource {
    @ArgGroup(exclusive = true, multiplicity = "1")
    SampleFiles files;

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
        return files != null ? files.path() : images != null ? images : imageStack;
    }

    /** Reads a samples source (IDX, NPY, CSV): in place where it can, or into the heap with {@code load}. */
    Dataset readSamples(CsvReader.Header csvHeader, boolean load) throws IOException {
        return files.read(csvHeader, load);
    }

    /** Reads an image source (folder or NPY stack). */
    ImageStack readImages() throws IOException {
        return images != null ? ImageStack.fromFolder(images) : ImageStack.fromNpy(imageStack);
    }
}
