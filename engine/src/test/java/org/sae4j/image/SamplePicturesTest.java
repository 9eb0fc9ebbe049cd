package org.sae4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.sae4j.model.MatrixView;

/**
 * Writes example pictures to target/pictures for a person to look at: synthetic Gabor-like features
 * (what trained natural-image features should resemble) and a typical cost curve.
 */
class SamplePicturesTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Path OUT = Path.of(System.getProperty("basedir", "."), "target", "pictures");

    @Test
    void writesSampleFeaturesAndCostPlot() throws IOException {
        Files.createDirectories(OUT);
        assertWritten(FeatureImage.render(MatrixView.of(gaborTheta(64, 25, 8, new Random(1)), 0, 25, 64), 8, 8),
                OUT.resolve("sample-features-8x8.png"));
        assertWritten(FeatureImage.render(MatrixView.of(gaborTheta(784, 196, 28, new Random(2)), 0, 196, 784), 28,
                28),
                OUT.resolve("sample-features-28x28.png"));
        assertWritten(CostPlot.render(costHistory(400, new Random(3)), 640, 400), OUT.resolve("sample-cost.png"));
    }

    private static void assertWritten(BufferedImage image, Path file) throws IOException {
        Png.write(image, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(image.getWidth(), back.getWidth());
        assertEquals(image.getHeight(), back.getHeight());
    }

    /** W1 rows are windowed gratings of random orientation, position and phase; the rest of θ is noise. */
    private static double[] gaborTheta(int visible, int hidden, int side, Random random) {
        double[] theta = new double[2 * hidden * visible + hidden + visible];
        for (int i = hidden * visible; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        for (int k = 0; k < hidden; k++) {
            double angle = Math.PI * random.nextDouble();
            double wavelength = side * (0.3 + 0.4 * random.nextDouble());
            double phase = 2 * Math.PI * random.nextDouble();
            double cx = side * (0.25 + 0.5 * random.nextDouble());
            double cy = side * (0.25 + 0.5 * random.nextDouble());
            double sigma = side * 0.2;
            double amplitude = 0.1 + random.nextDouble();
            for (int j = 0; j < visible; j++) {
                double dx = j % side - cx;
                double dy = j / side - cy;
                double along = dx * Math.cos(angle) + dy * Math.sin(angle);
                double window = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                theta[k + hidden * j] = amplitude * window * Math.cos(2 * Math.PI * along / wavelength + phase);
            }
        }
        return theta;
    }

    private static double[] costHistory(int iterations, Random random) {
        double[] costs = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            costs[i] = 0.45 + 3.5 * Math.exp(-i / 25.0) + 0.02 * Math.abs(random.nextGaussian()) * Math.exp(-i / 100.0);
        }
        return costs;
    }
}
