package org.sae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStackTest {
    @TempDir
    Path dir;

    @Test
    void fromNpyThreeAndTwoDimensional() throws IOException {
        Path stack = dir.resolve("stack.npy");
        double[] px = new double[2 * 3 * 4];
        for (int k = 0; k < px.length; k++) {
            px[k] = k;
        }
        NpyWriter.writeF64(stack, new int[] {2, 3, 4}, px);
        ImageStack s = ImageStack.fromNpy(stack);
        assertEquals(2, s.count());
        assertEquals(3, s.height());
        assertEquals(4, s.width());
        assertEquals(1 * 12 + 2 * 4 + 3, s.get(1, 2, 3));

        Path one = dir.resolve("one.npy");
        NpyWriter.writeF64Fortran(one, new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        ImageStack o = ImageStack.fromNpy(one);
        assertEquals(1, o.count());
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, o.pixels());

        Path flat = dir.resolve("flat.npy");
        NpyWriter.writeF64(flat, new int[] {4}, new double[4]);
        String msg = assertThrows(DataFileException.class, () -> ImageStack.fromNpy(flat)).getMessage();
        assertTrue(msg.contains("(4,)") && msg.contains(flat.toString()), msg);
    }

    @Test
    void fromFolderConvertsColourAndGreyInNameOrder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("imgs"));
        BufferedImage colour = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(0, 0, 0xFF0000);
        colour.setRGB(1, 0, 0x00FF00);
        colour.setRGB(2, 0, 0x0000FF);
        colour.setRGB(0, 1, 0xFFFFFF);
        colour.setRGB(1, 1, 0x806040);
        ImageIO.write(colour, "png", folder.resolve("b.png").toFile());
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 1, 0, 51);
        grey.getRaster().setSample(0, 0, 0, 255);
        ImageIO.write(grey, "png", folder.resolve("a.PNG").toFile());
        Files.writeString(folder.resolve("notes.txt"), "ignored");

        ImageStack s = ImageStack.fromFolder(folder);
        assertEquals(s.count(), s.names().size(), "a folder's images keep their file names, for messages");
        assertEquals(2, s.count());
        assertEquals(2, s.height());
        assertEquals(3, s.width());
        // a.PNG sorts first: grey levels kept exactly, /255
        assertEquals(1.0, s.get(0, 0, 0), 1e-12);
        assertEquals(0.2, s.get(0, 1, 2), 1e-12);
        assertEquals(0.0, s.get(0, 1, 1), 1e-12);
        assertEquals(0.299, s.get(1, 0, 0), 1e-12);
        assertEquals(0.587, s.get(1, 0, 1), 1e-12);
        assertEquals(0.114, s.get(1, 0, 2), 1e-12);
        assertEquals(1.0, s.get(1, 1, 0), 1e-12);
        assertEquals((0.299 * 0x80 + 0.587 * 0x60 + 0.114 * 0x40) / 255, s.get(1, 1, 1), 1e-12);
    }

    @Test
    void jpegIsRead() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("jpg"));
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        ImageIO.write(img, "jpg", folder.resolve("x.jpeg").toFile());
        ImageStack s = ImageStack.fromFolder(folder);
        assertEquals(8, s.height());
        assertEquals(16, s.width());
        assertEquals(128 / 255.0, s.get(0, 4, 7), 0.02); // lossy, but a flat field survives
    }

    @Test
    void folderErrors() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String msg = assertThrows(DataFileException.class, () -> ImageStack.fromFolder(empty)).getMessage();
        assertTrue(msg.contains("no PNG or JPEG images"), msg);

        Path broken = Files.createDirectory(dir.resolve("broken"));
        Path bad = Files.write(broken.resolve("bad.png"), new byte[] {1, 2, 3, 4, 5});
        msg = assertThrows(DataFileException.class, () -> ImageStack.fromFolder(broken)).getMessage();
        assertTrue(msg.startsWith(bad.toString()), msg);

        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", mixed.resolve("1.png").toFile());
        ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY), "png", mixed.resolve("2.png").toFile());
        msg = assertThrows(DataFileException.class, () -> ImageStack.fromFolder(mixed)).getMessage();
        assertTrue(msg.contains("2.png") && msg.contains("4x5") && msg.contains("4x4"), msg);

        Path notDir = Files.writeString(dir.resolve("file.txt"), "x");
        assertThrows(DataFileException.class, () -> ImageStack.fromFolder(notDir));
    }

    @Test
    void recordChecksItsSize() {
        assertThrows(IllegalArgumentException.class, () -> new ImageStack(2, 2, 2, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> new ImageStack(0, 2, 2, new double[0]));
    }
}
