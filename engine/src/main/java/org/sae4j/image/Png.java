package org.sae4j.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.sae4j.io.AtomicFiles;

/** Writes PNG files with the JDK's own encoder. */
public final class Png {

    private Png() {
    }

    /** Writes {@code image} to {@code file} as PNG, replacing it atomically if it exists. */
    public static void write(BufferedImage image, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no PNG encoder; cannot write " + file);
        }
        ImageWriter writer = writers.next();
        try {
            // An in-memory stream: ImageIO's default would cache through a file in java.io.tmpdir.
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(stream);
                    writer.write(image);
                }
            });
        } finally {
            writer.dispose();
        }
    }
}
