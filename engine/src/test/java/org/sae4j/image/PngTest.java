package org.sae4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    @Test
    void writtenPngReadsBackWithTheSamePixels() throws IOException {
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 7) << 16 | (y * 11) << 8 | (x + y) * 3);
            }
        }
        Path file = dir.resolve("picture.png");

        Png.write(image, file);
        BufferedImage back = ImageIO.read(file.toFile());

        assertEquals(37, back.getWidth());
        assertEquals(23, back.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y), back.getRGB(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("picture.png");
        Files.writeString(file, "not a picture");

        Png.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), file);

        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(5, back.getWidth());
        assertEquals(4, back.getHeight());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.collect(Collectors.toList()));
        }
    }
}
