package org.sae4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sae4j.model.MatrixView;

class FeatureImageTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void tilesShowRowsOfW1NormalisedAroundZero() {
        int v = 64;
        int h = 25;
        double[] theta = new double[2 * h * v + h + v];
        // W2 and the biases must not show up anywhere.
        Arrays.fill(theta, h * v, theta.length, 1000.0);
        setW1(theta, h, 0, 9, 2.0);
        setW1(theta, h, 0, 62, -1.0);
        setW1(theta, h, 7, 3, -3.0);
        setW1(theta, h, 7, 40, 1.0);

        BufferedImage image = FeatureImage.render(MatrixView.of(theta, 0, h, v), 8, 8);

        // 5 x 5 grid of 8 x 8 tiles, enlarged 10 times (40 px -> 400 px), 6 separator lines.
        assertEquals(406, image.getWidth());
        assertEquals(406, image.getHeight());
        int scale = 10;
        int stride = 81;
        int[] tile0 = filled(64, 128);
        tile0[9] = 255;   // the largest |w| of the tile, positive
        tile0[62] = 64;   // -1 / 2 -> 127.5 * 0.5 = 63.75
        int[] tile7 = filled(64, 128);
        tile7[3] = 0;     // the largest |w| of the tile, negative
        tile7[40] = 170;  // 1 / 3 -> 127.5 * 4 / 3
        assertTile(image, tile0, 1, 1, 8, scale);
        assertTile(image, tile7, 1 + 2 * stride, 1 + stride, 8, scale);
        assertTile(image, filled(64, 128), 1 + 4 * stride, 1 + 4 * stride, 8, scale);
        for (int i = 0; i < 406; i++) {
            for (int line = 0; line <= 5; line++) {
                assertEquals(0, grey(image, line * stride, i), "vertical separator " + line + " at y " + i);
                assertEquals(0, grey(image, i, line * stride), "horizontal separator " + line + " at x " + i);
            }
        }
    }

    @Test
    void nonSquarePatchesAreRowMajorAndUnusedCellsAreBlack() {
        int v = 6;
        int h = 10;
        double[] theta = new double[2 * h * v + h + v];
        double[] weights = {-1, 2, 3, -5, 6, 8};
        for (int j = 0; j < v; j++) {
            setW1(theta, h, 0, j, weights[j]);
        }

        BufferedImage image = FeatureImage.render(MatrixView.of(theta, 0, h, v), 3, 2);

        // ceil(sqrt(10)) = 4 columns, 3 rows; scale ceil(400 / 12) = 34; tiles 102 x 68 plus separators.
        assertEquals(4 * 103 + 1, image.getWidth());
        assertEquals(3 * 69 + 1, image.getHeight());
        // round(127.5 * (1 + w / 8)), at row j / 3 and column j % 3; eighths are exact, so no ties.
        assertTile(image, new int[] {112, 159, 175, 48, 223, 255}, 1, 1, 3, 34);
        assertEquals(0, grey(image, 1 + 3 * 103 + 50, 1 + 2 * 69 + 30), "unused cell 11");
        assertEquals(128, grey(image, 1 + 103 + 50, 1 + 30), "all-zero tile 1 is mid grey");
    }

    @Test
    void largeGridsAreNotEnlarged() {
        int v = 784;
        int h = 196;
        double[] theta = new double[2 * h * v + h + v];
        BufferedImage image = FeatureImage.render(MatrixView.of(theta, 0, h, v), 28, 28);
        // 14 x 14 tiles of 28 px: 392 px, so each pixel is drawn 2 x 2.
        assertEquals(14 * 57 + 1, image.getWidth());
        assertEquals(14 * 57 + 1, image.getHeight());
    }

    @Test
    void squareSideFindsThePatchSizeOrAsksForIt() {
        assertEquals(8, FeatureImage.squareSide(64));
        assertEquals(28, FeatureImage.squareSide(784));
        assertEquals(1, FeatureImage.squareSide(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureImage.squareSide(50));
        assertTrue(e.getMessage().contains("v = 50 is not a perfect square"), e.getMessage());
        assertTrue(e.getMessage().contains("pass the patch width and height explicitly"), e.getMessage());
    }

    @Test
    void inconsistentSizesAreRefused() {
        double[] theta = new double[2 * 4 * 64 + 4 + 64];
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> FeatureImage.render(MatrixView.of(theta, 0, 4, 64), 8, 7));
        assertTrue(shape.getMessage().contains("a 8 x 7 patch has 56 pixels, but the model has v = 64"),
                shape.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> FeatureImage.render(MatrixView.of(theta, 0, 5, 200), 8, 25));
        assertTrue(length.getMessage().contains("a 5x200 matrix from offset 0 does not fit in an array of 580"),
                length.getMessage());
        theta[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> FeatureImage.render(MatrixView.of(theta, 0, 4, 64), 8, 8));
    }

    private static void setW1(double[] theta, int hidden, int k, int j, double value) {
        theta[k + hidden * j] = value;
    }

    private static int[] filled(int length, int grey) {
        int[] values = new int[length];
        Arrays.fill(values, grey);
        return values;
    }

    /** Every screen pixel of the tile at (x0, y0) has the expected grey of its patch pixel. */
    private static void assertTile(BufferedImage image, int[] expected, int x0, int y0, int width, int scale) {
        for (int j = 0; j < expected.length; j++) {
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    int x = x0 + (j % width) * scale + dx;
                    int y = y0 + (j / width) * scale + dy;
                    assertEquals(expected[j], grey(image, x, y), "patch pixel " + j + " at (" + x + ", " + y + ")");
                }
            }
        }
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        int red = rgb >> 16 & 0xFF;
        assertEquals(red, rgb >> 8 & 0xFF, "not grey at (" + x + ", " + y + ")");
        assertEquals(red, rgb & 0xFF, "not grey at (" + x + ", " + y + ")");
        return red;
    }
}
