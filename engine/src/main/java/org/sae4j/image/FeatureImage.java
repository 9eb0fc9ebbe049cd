package org.sae4j.image;

import java.awt.image.BufferedImage;
import org.sae4j.model.MatrixView;

/**
 * Draws the features a sparse autoencoder learned: row k of W1 (the weights into hidden unit k) as a
 * {@code patchHeight × patchWidth} greyscale tile, pixel j at row {@code j / patchWidth}, column
 * {@code j % patchWidth} (row-major, the pixel order of the input samples).
 *
 * <p>Tiles sit in a near-square grid ({@code ceil(sqrt(h))} columns), separated and framed by 1-pixel
 * black lines; unused grid cells are black. Each tile is contrast-normalised on its own, symmetric
 * around zero: w ↦ round(127.5 · (1 + w / max|w|)), so the largest |w| of the tile is white (255) if
 * positive or black (0) if negative, and 0 is mid grey (128). An all-zero tile is mid grey. Tiles are
 * enlarged by the smallest integer factor that makes the grid at least {@value #MIN_WIDTH} pixels wide.
 */
public final class FeatureImage {

    /** Target minimum width of the tile grid, in pixels. */
    public static final int MIN_WIDTH = 400;

    private static final int SEPARATOR_RGB = 0x000000;

    private FeatureImage() {
    }

    /**
     * Renders the rows of W1 (h × v; {@code TrainedModel.w1()}).
     *
     * @throws IllegalArgumentException if sizes are not positive, {@code v != patchWidth * patchHeight},
     *                                  or W1 holds a non-finite value
     */
    public static BufferedImage render(MatrixView w1, int patchWidth, int patchHeight) {
        int hidden = w1.rows();
        int visible = w1.cols();
        validate(w1, patchWidth, patchHeight);
        int columns = (int) Math.ceil(Math.sqrt(hidden));
        int rows = (hidden + columns - 1) / columns;
        int scale = Math.max(1, (MIN_WIDTH + columns * patchWidth - 1) / (columns * patchWidth));
        long width = (long) columns * (patchWidth * (long) scale + 1) + 1;
        long height = (long) rows * (patchHeight * (long) scale + 1) + 1;
        if (width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feature image of " + width + " x " + height
                    + " pixels is too large; " + hidden + " tiles of " + patchWidth + " x " + patchHeight);
        }
        BufferedImage image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, (int) width, (int) height, SEPARATOR_RGB);
        for (int k = 0; k < hidden; k++) {
            int x0 = 1 + (k % columns) * (patchWidth * scale + 1);
            int y0 = 1 + (k / columns) * (patchHeight * scale + 1);
            drawTile(image, w1, k, patchWidth, scale, x0, y0);
        }
        return image;
    }

    /**
     * The side p of a square patch with {@code visible = p · p} pixels.
     *
     * @throws IllegalArgumentException if {@code visible} is not a perfect square
     */
    public static int squareSide(int visible) {
        if (visible < 1) {
            throw new IllegalArgumentException("visible units must be >= 1, got " + visible);
        }
        int side = (int) Math.round(Math.sqrt(visible));
        if (side * side != visible) {
            throw new IllegalArgumentException("v = " + visible + " is not a perfect square, so the patch shape"
                    + " cannot be guessed; pass the patch width and height explicitly (width x height = v)");
        }
        return side;
    }

    /** Row k of W1 as a tile; pixel j is drawn as a scale × scale block. */
    private static void drawTile(BufferedImage image, MatrixView w1, int k, int patchWidth, int scale, int x0, int y0) {
        double maxAbs = 0;
        for (int j = 0; j < w1.cols(); j++) {
            maxAbs = Math.max(maxAbs, Math.abs(w1.get(k, j)));
        }
        for (int j = 0; j < w1.cols(); j++) {
            double normalised = maxAbs == 0 ? 0 : w1.get(k, j) / maxAbs;
            int grey = (int) Math.round(127.5 * (1 + normalised));
            int x = x0 + (j % patchWidth) * scale;
            int y = y0 + (j / patchWidth) * scale;
            fill(image, x, y, scale, scale, grey << 16 | grey << 8 | grey);
        }
    }

    private static void fill(BufferedImage image, int x, int y, int width, int height, int rgb) {
        for (int row = y; row < y + height; row++) {
            for (int col = x; col < x + width; col++) {
                image.setRGB(col, row, rgb);
            }
        }
    }

    private static void validate(MatrixView w1, int patchWidth, int patchHeight) {
        int hidden = w1.rows();
        int visible = w1.cols();
        if (visible < 1 || hidden < 1) {
            throw new IllegalArgumentException("visible and hidden units must be >= 1, got v = " + visible
                    + ", h = " + hidden);
        }
        if (patchWidth < 1 || patchHeight < 1) {
            throw new IllegalArgumentException("patch width and height must be >= 1, got " + patchWidth
                    + " x " + patchHeight);
        }
        if ((long) patchWidth * patchHeight != visible) {
            throw new IllegalArgumentException("a " + patchWidth + " x " + patchHeight + " patch has "
                    + (long) patchWidth * patchHeight + " pixels, but the model has v = " + visible
                    + " visible units; patch width x height must equal v");
        }
        for (int k = 0; k < hidden; k++) {
            for (int j = 0; j < visible; j++) {
                if (!Double.isFinite(w1.get(k, j))) {
                    throw new IllegalArgumentException("W1(" + k + ", " + j + ") is " + w1.get(k, j)
                            + "; cannot draw non-finite weights");
                }
            }
        }
    }
}
