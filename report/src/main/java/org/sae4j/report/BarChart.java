package org.sae4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.sae4j.image.Canvas;

/**
 * One horizontal bar per row: GFLOP/s of one evaluation (10·h·v·m / time), with the OpenBLAS bound's
 * GFLOP/s as a black tick on the same scale, so "how far from the bound" reads at a glance.
 */
final class BarChart {
    private static final int ROW = 22;
    private static final int LABEL = 300;
    private static final int WIDTH = 900;

    private BarChart() {
    }

    static BufferedImage render(List<BenchRow> rows) {
        int height = 50 + ROW * Math.max(1, rows.size()) + 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("GFLOP/s per evaluation (bar) vs five bare OpenBLAS products (tick)", 10, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            double max = 1e-9;
            for (BenchRow r : rows) {
                max = Math.max(max, r.gflops());
                if (!Double.isNaN(r.idealSeconds())) {
                    max = Math.max(max, r.gflops() * r.ratio());
                }
            }
            int plot = WIDTH - LABEL - 80;
            for (int i = 0; i < rows.size(); i++) {
                BenchRow r = rows.get(i);
                int y = 40 + i * ROW;
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%s %s %s t=%d c=%d", r.shape(), r.precision(), r.backend(),
                        r.threads(), r.chunk()), 10, y + 14);
                int w = (int) Math.round(plot * r.gflops() / max);
                g.setColor(r.backend().startsWith("native") ? new Color(0x4477aa) : new Color(0xcc6633));
                g.fillRect(LABEL, y + 3, Math.max(1, w), ROW - 6);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.1f", r.gflops()), LABEL + w + 6, y + 14);
                if (!Double.isNaN(r.idealSeconds())) {
                    int x = LABEL + (int) Math.round(plot * r.gflops() * r.ratio() / max);
                    g.setStroke(new BasicStroke(3));
                    g.drawLine(x, y + 1, x, y + ROW - 1);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
