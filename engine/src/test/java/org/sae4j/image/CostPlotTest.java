package org.sae4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CostPlotTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void decreasingCostGivesALineThatFallsFromLeftToRight() {
        double[] costs = new double[100];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = 5.0 / (1 + i);
        }
        BufferedImage image = CostPlot.render(costs, 640, 480);

        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        LinePixels line = LinePixels.of(image);
        assertTrue(line.count > 300, "line pixels: " + line.count);
        assertTrue(line.meanYAt(line.minX) < line.meanYAt(line.maxX) - 200,
                "left end at y " + line.meanYAt(line.minX) + ", right end at y " + line.meanYAt(line.maxX));
        assertTrue(line.maxX - line.minX > 400, "line spans x " + line.minX + ".." + line.maxX);
    }

    /**
     * J falling geometrically from 50 to 0.5 is a straight line on the log axis: the middle iteration
     * sits halfway between the ends. On a linear axis it would hug the bottom after a few iterations,
     * as the second plot (a range under 100x, so linear) shows.
     */
    @Test
    void costsSpanningTwoDecadesArePlottedOnALogAxis() {
        double[] costs = new double[101];
        double[] narrow = new double[101];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = 50 * Math.pow(0.01, i / 100.0);
            narrow[i] = 50 * Math.pow(0.05, i / 100.0);
        }
        LinePixels log = LinePixels.of(CostPlot.render(costs, 640, 480));
        int middle = (log.minX + log.maxX) / 2;
        double halfway = (log.meanYAt(log.minX) + log.meanYAt(log.maxX)) / 2;
        assertEquals(halfway, log.meanYAt(middle), 6, "log axis: the middle of a geometric fall is halfway down");

        LinePixels linear = LinePixels.of(CostPlot.render(narrow, 640, 480));
        int mid = (linear.minX + linear.maxX) / 2;
        double linearHalfway = (linear.meanYAt(linear.minX) + linear.meanYAt(linear.maxX)) / 2;
        assertTrue(linear.meanYAt(mid) > linearHalfway + 40, "linear axis: a geometric fall is below halfway");
    }

    @Test
    void increasingCostGivesALineThatRises() {
        double[] costs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        LinePixels line = LinePixels.of(CostPlot.render(costs, 400, 300));
        assertTrue(line.meanYAt(line.minX) > line.meanYAt(line.maxX) + 100);
    }

    @Test
    void constantCostGivesAHorizontalLine() {
        double[] costs = new double[50];
        java.util.Arrays.fill(costs, 0.4251);
        LinePixels line = LinePixels.of(CostPlot.render(costs, 400, 300));
        assertTrue(line.maxX - line.minX > 250, "line spans x " + line.minX + ".." + line.maxX);
        assertTrue(line.maxY - line.minY <= 4, "line spans y " + line.minY + ".." + line.maxY);
    }

    @Test
    void aSingleCostIsDrawnAsADot() {
        LinePixels dot = LinePixels.of(CostPlot.render(new double[] {3.0}, 300, 200));
        assertTrue(dot.count > 5, "dot pixels: " + dot.count);
        assertTrue(dot.maxX - dot.minX <= 8 && dot.maxY - dot.minY <= 8,
                "dot spans " + dot.minX + ".." + dot.maxX + " x " + dot.minY + ".." + dot.maxY);
    }

    @Test
    void axesTitleAndLabelsAreDrawnInDarkInk() {
        BufferedImage image = CostPlot.render(new double[] {3, 2, 1}, 400, 300);
        int darkInTitleBand = 0;
        int darkElsewhere = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                boolean dark = (rgb >> 16 & 0xFF) < 100 && (rgb >> 8 & 0xFF) < 100 && (rgb & 0xFF) < 100;
                if (dark && y < 20) {
                    darkInTitleBand++;
                } else if (dark) {
                    darkElsewhere++;
                }
            }
        }
        assertTrue(darkInTitleBand > 20, "title pixels: " + darkInTitleBand);
        assertTrue(darkElsewhere > 400, "axis and label pixels: " + darkElsewhere);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CostPlot.render(new double[0], 400, 300));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> CostPlot.render(new double[] {1, Double.NaN}, 400, 300));
        assertTrue(nan.getMessage().contains("cost history[1] is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CostPlot.render(new double[] {1}, 100, 300));
    }

    /** The pixels in the series colour, including its anti-aliased edges, which stay clearly blue. */
    private static final class LinePixels {
        final BufferedImage image;
        int count;
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;

        private LinePixels(BufferedImage image) {
            this.image = image;
        }

        static LinePixels of(BufferedImage image) {
            LinePixels line = new LinePixels(image);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (line.isLine(x, y)) {
                        line.count++;
                        line.minX = Math.min(line.minX, x);
                        line.maxX = Math.max(line.maxX, x);
                        line.minY = Math.min(line.minY, y);
                        line.maxY = Math.max(line.maxY, y);
                    }
                }
            }
            return line;
        }

        boolean isLine(int x, int y) {
            int rgb = image.getRGB(x, y);
            int red = rgb >> 16 & 0xFF;
            int green = rgb >> 8 & 0xFF;
            int blue = rgb & 0xFF;
            return blue - red > 40 && blue > green;
        }

        double meanYAt(int x) {
            double sum = 0;
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                if (isLine(x, y)) {
                    sum += y;
                    n++;
                }
            }
            return sum / n;
        }
    }
}
