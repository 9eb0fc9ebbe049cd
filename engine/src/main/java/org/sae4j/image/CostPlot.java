package org.sae4j.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * A line plot of the cost J per optimiser iteration: entry i of the history is drawn at x = i, with
 * tick labels, light grid lines and the title "cost per iteration". The cost axis is logarithmic (ticks
 * at powers of ten) when every cost is positive and they span at least {@value #LOG_SCALE_RATIO}×,
 * as in a typical run that falls from J ≈ 50 to J ≈ 0.5, where a linear axis would flatten everything
 * after the first iterations; linear otherwise. Works without a display.
 */
public final class CostPlot {

    /** Smallest accepted image size; below it the labels leave no room for the plot. */
    public static final int MIN_WIDTH = 200;
    public static final int MIN_HEIGHT = 150;

    private static final Color LINE = new Color(0x1F, 0x4E, 0x9A);
    private static final Color GRID = new Color(0xE0, 0xE0, 0xE0);
    private static final String TITLE = "cost per iteration";
    /** Highest over lowest cost from which the cost axis becomes logarithmic. */
    static final double LOG_SCALE_RATIO = 100;
    private static final int TICKS = 5;
    private static final int TICK_LENGTH = 5;
    private static final int GAP = 4;

    private CostPlot() {
    }

    /**
     * Renders the plot.
     *
     * @throws IllegalArgumentException if the history is empty or holds a non-finite value, or the size is
     *                                  below {@link #MIN_WIDTH} × {@link #MIN_HEIGHT}
     */
    public static BufferedImage render(double[] costHistory, int width, int height) {
        validate(costHistory, width, height);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double cost : costHistory) {
            lo = Math.min(lo, cost);
            hi = Math.max(hi, cost);
        }
        boolean logarithmic = lo > 0 && hi / lo >= LOG_SCALE_RATIO;
        double[] plotted = costHistory;
        AxisScale y;
        if (logarithmic) {
            plotted = new double[costHistory.length];
            for (int i = 0; i < plotted.length; i++) {
                plotted[i] = Math.log10(costHistory[i]);
            }
            y = AxisScale.covering(Math.log10(lo), Math.log10(hi), TICKS, true);
        } else {
            y = AxisScale.covering(lo, hi, TICKS, false);
        }
        AxisScale x = AxisScale.covering(0, Math.max(1, costHistory.length - 1), TICKS, true);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        try {
            new PlotArea(g, width, height, x, y, logarithmic).draw(plotted);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void validate(double[] costHistory, int width, int height) {
        if (costHistory.length == 0) {
            throw new IllegalArgumentException("cost history is empty; nothing to plot");
        }
        for (int i = 0; i < costHistory.length; i++) {
            if (!Double.isFinite(costHistory[i])) {
                throw new IllegalArgumentException("cost history[" + i + "] is " + costHistory[i]
                        + "; only finite costs can be plotted");
            }
        }
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("cost plot must be at least " + MIN_WIDTH + " x " + MIN_HEIGHT
                    + " pixels, got " + width + " x " + height);
        }
    }

    /** The plot area inside the margins, laid out from the font's size and the widest y label. */
    private static final class PlotArea {
        private final Graphics2D g;
        private final FontMetrics font;
        private final AxisScale x;
        private final AxisScale y;
        /** Whether y values are log10 of the costs, labelled as the powers of ten they stand for. */
        private final boolean logarithmic;
        private final double left;
        private final double top;
        private final double right;
        private final double bottom;

        PlotArea(Graphics2D g, int width, int height, AxisScale x, AxisScale y, boolean logarithmic) {
            this.g = g;
            this.font = g.getFontMetrics();
            this.x = x;
            this.y = y;
            this.logarithmic = logarithmic;
            int labelWidth = 0;
            for (double tick : y.ticks()) {
                labelWidth = Math.max(labelWidth, font.stringWidth(yLabel(tick)));
            }
            this.left = labelWidth + TICK_LENGTH + 2 * GAP;
            this.top = 2 * font.getHeight();
            this.right = width - Math.max(GAP, font.stringWidth(x.label(x.max())) / 2.0 + GAP);
            this.bottom = height - 2 * font.getHeight() - TICK_LENGTH - GAP;
        }

        void draw(double[] costs) {
            drawGridAndTicks();
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(left, top, left, bottom));
            g.draw(new Line2D.Double(left, bottom, right, bottom));
            centre(logarithmic ? TITLE + " (log scale)" : TITLE, (left + right) / 2, font.getAscent() + GAP);
            centre("iteration", (left + right) / 2, bottom + TICK_LENGTH + font.getHeight() + font.getAscent());
            drawSeries(costs);
        }

        private void drawGridAndTicks() {
            for (double tick : y.ticks()) {
                double py = py(tick);
                g.setColor(GRID);
                g.draw(new Line2D.Double(left, py, right, py));
                g.setColor(Color.BLACK);
                g.draw(new Line2D.Double(left - TICK_LENGTH, py, left, py));
                String label = yLabel(tick);
                g.drawString(label, (float) (left - TICK_LENGTH - GAP - font.stringWidth(label)),
                        (float) (py + font.getAscent() / 2.0 - 1));
            }
            for (double tick : x.ticks()) {
                double px = px(tick);
                g.setColor(GRID);
                g.draw(new Line2D.Double(px, top, px, bottom));
                g.setColor(Color.BLACK);
                g.draw(new Line2D.Double(px, bottom, px, bottom + TICK_LENGTH));
                centre(x.label(tick), px, bottom + TICK_LENGTH + font.getAscent());
            }
        }

        private void drawSeries(double[] costs) {
            g.setColor(LINE);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            if (costs.length == 1) {
                double radius = 3;
                g.fill(new Ellipse2D.Double(px(0) - radius, py(costs[0]) - radius, 2 * radius, 2 * radius));
                return;
            }
            Path2D.Double line = new Path2D.Double();
            line.moveTo(px(0), py(costs[0]));
            for (int i = 1; i < costs.length; i++) {
                line.lineTo(px(i), py(costs[i]));
            }
            g.draw(line);
        }

        /** On a log axis the tick k stands for 10^k: written plainly from 0.0001 to 100000. */
        private String yLabel(double tick) {
            if (!logarithmic) {
                return y.label(tick);
            }
            int exponent = (int) Math.round(tick);
            if (exponent < -4 || exponent > 5) {
                return "1e" + exponent;
            }
            return new java.math.BigDecimal(java.math.BigInteger.ONE, -exponent).toPlainString();
        }

        private void centre(String text, double cx, double baseline) {
            g.drawString(text, (float) (cx - font.stringWidth(text) / 2.0), (float) baseline);
        }

        private double px(double value) {
            return left + (value - x.min()) / (x.max() - x.min()) * (right - left);
        }

        private double py(double value) {
            return bottom - (value - y.min()) / (y.max() - y.min()) * (bottom - top);
        }
    }
}
