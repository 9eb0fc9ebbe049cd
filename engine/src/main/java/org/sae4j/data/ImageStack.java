package org.sae4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Grey images of equal size: pixel (image k, row r, column c) is at {@code (k * height + r) * width + c},
 * row 0 being the top of the picture.
 *
 * @param names the images' file names, for messages, when they came from a folder; else empty
 */
public record ImageStack(int count, int height, int width, double[] pixels, List<String> names) {
    /**
     * The most pixels an image file may declare per byte it has. Deflate expands at most about 1 032
     * times, and a 1-bit PNG packs 8 pixels a byte, so no intact PNG comes near; a JPEG of one flat
     * colour does not either.
     */
    public static final long MAX_PIXELS_PER_FILE_BYTE = 1 << 14;

    public ImageStack {
        if (count < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image stack needs count, height and width >= 1, got " + count + " x "
                    + height + " x " + width);
        }
        if ((long) count * height * width != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + height + "x" + width + " need "
                    + (long) count * height * width + " pixels, got " + pixels.length);
        }
        names = List.copyOf(names);
        if (!names.isEmpty() && names.size() != count) {
            throw new IllegalArgumentException(names.size() + " names for " + count + " images");
        }
    }

    /** Images without names (from an array, or made in code). */
    public ImageStack(int count, int height, int width, double[] pixels) {
        this(count, height, width, pixels, List.of());
    }

    /** How messages call image {@code k}: its file name, or its index. */
    public String describe(int k) {
        return names.isEmpty() ? "image " + k : names.get(k);
    }

    /** The first {@code n} images. */
    public ImageStack first(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("the first " + n + " of " + count + " images");
        }
        return new ImageStack(n, height, width, java.util.Arrays.copyOf(pixels, n * height * width),
                names.isEmpty() ? List.of() : names.subList(0, n));
    }

    /** The pixel at row {@code r}, column {@code c} of image {@code k}. */
    public double get(int k, int r, int c) {
        return pixels[(k * height + r) * width + c];
    }

    /** Reads a 3-D NPY array (n, H, W) as n images, or a 2-D array (H, W) as one image. */
    public static ImageStack fromNpy(Path file) throws IOException {
        NpyArray a = NpyReader.read(file);
        int[] s = a.shape();
        if (s.length == 3) {
            return new ImageStack(s[0], s[1], s[2], a.values());
        }
        if (s.length == 2) {
            return new ImageStack(1, s[0], s[1], a.values());
        }
        throw new DataFileException(file + ": expected an image stack of shape (n, height, width) or one image "
                + "(height, width), got shape " + NpyHeader.shapeText(s));
    }

    /**
     * Reads every PNG and JPEG file in {@code dir} (by name order; other files are ignored) as grey
     * values in [0, 1]: colour pixels become 0.299 R + 0.587 G + 0.114 B, grey images keep their
     * stored levels. All images must have the same size.
     *
     * @throws DataFileException if the folder holds no such images, one cannot be decoded, or the
     *                           sizes differ
     */
    public static ImageStack fromFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir + ": not a directory; expected a folder of PNG or JPEG images");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> isImageName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new DataFileException(dir + ": no PNG or JPEG images (*.png, *.jpg, *.jpeg) in this folder");
        }
        int height = 0;
        int width = 0;
        double[] pixels = null;
        for (int k = 0; k < files.size(); k++) {
            Path f = files.get(k);
            BufferedImage img = decode(f);
            if (k == 0) {
                height = img.getHeight();
                width = img.getWidth();
                pixels = new double[Math.multiplyExact(Math.multiplyExact(files.size(), height), width)];
            } else if (img.getHeight() != height || img.getWidth() != width) {
                throw new DataFileException(f + ": image is " + img.getHeight() + "x" + img.getWidth()
                        + " (height x width), but " + files.get(0).getFileName() + " is " + height + "x" + width
                        + "; all images must have the same size");
            }
            toGrey(img, pixels, k * height * width);
        }
        return new ImageStack(files.size(), height, width, pixels,
                files.stream().map(f -> f.getFileName().toString()).toList());
    }

    private static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * Decodes one image, after checking that the size its header declares could be held by a file of
     * its length: the decoder allocates the whole raster before it reads a pixel, so a 100-byte file
     * claiming 100 000 x 100 000 pixels must be refused first.
     */
    private static BufferedImage decode(Path f) throws IOException {
        long fileBytes = Files.size(f);
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataFileException(f + ": not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS_PER_FILE_BYTE * Math.max(fileBytes, 1)) {
                    throw new DataFileException(f + ": its header declares " + height + "x" + width
                            + " pixels (height x width), more than a file of " + fileBytes
                            + " bytes can encode; the file is damaged");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new DataFileException(f + ": not a readable PNG or JPEG image");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (DataFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(f + ": cannot decode image: " + e.getMessage(), e);
        }
    }

    private static void toGrey(BufferedImage img, double[] out, int offset) {
        int h = img.getHeight();
        int w = img.getWidth();
        Raster raster = img.getRaster();
        boolean grey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && img.getColorModel().getNumColorComponents() == 1;
        if (grey) {
            // getRGB would push grey levels through a colour-space conversion that changes them.
            double max = (1L << img.getColorModel().getComponentSize(0)) - 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    out[offset + r * w + c] = raster.getSample(c, r, 0) / max;
                }
            }
            return;
        }
        int[] row = new int[w];
        for (int r = 0; r < h; r++) {
            img.getRGB(0, r, w, 1, row, 0, w);
            for (int c = 0; c < w; c++) {
                int rgb = row[c];
                double red = (rgb >>> 16) & 0xFF;
                double green = (rgb >>> 8) & 0xFF;
                double blue = rgb & 0xFF;
                out[offset + r * w + c] = (0.299 * red + 0.587 * green + 0.114 * blue) / 255;
            }
        }
    }
}
