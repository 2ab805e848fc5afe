package io.classroom.analytics.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Renders charts as PNG (java.awt, headless) or SVG. CPU work: call it off the event loop. */
public final class ChartRenderer {

    static {
        // Servers have no display; AWT must never try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {}

    public static byte[] png(Chart chart) {
        var image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(new AwtCanvas(graphics));
        } finally {
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String svg(Chart chart) {
        var canvas = new SvgCanvas();
        chart.draw(canvas);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n%s</svg>\n"
                .formatted(chart.width(), chart.height(), chart.width(), chart.height(), canvas.body);
    }

    private record AwtCanvas(Graphics2D graphics) implements Canvas {
        @Override
        public void rect(double x, double y, double width, double height, Color fill) {
            graphics.setColor(fill);
            graphics.fill(new Rectangle2D.Double(x, y, width, height));
        }

        @Override
        public void image(double x, double y, double width, double height, byte[] jpeg) {
            try {
                var image = ImageIO.read(new ByteArrayInputStream(jpeg));
                if (image != null) {
                    graphics.setRenderingHint(
                            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    graphics.drawImage(
                            image, (int) x, (int) y, (int) Math.round(width), (int) Math.round(height), null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color stroke) {
            graphics.setColor(stroke);
            graphics.setStroke(new BasicStroke(1f));
            graphics.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void text(double x, double y, String text, int size, Color color, boolean centred) {
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            graphics.setColor(color);
            double left = centred ? x - graphics.getFontMetrics().stringWidth(text) / 2.0 : x;
            graphics.drawString(text, (float) left, (float) y);
        }
    }

    private static final class SvgCanvas implements Canvas {
        private final StringBuilder body = new StringBuilder();

        @Override
        public void rect(double x, double y, double width, double height, Color fill) {
            body.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>\n",
                    x,
                    y,
                    width,
                    height,
                    hex(fill),
                    fill.getAlpha() == 255
                            ? ""
                            : String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", fill.getAlpha() / 255.0)));
        }

        @Override
        public void image(double x, double y, double width, double height, byte[] jpeg) {
            body.append(String.format(
                    Locale.ROOT,
                    "<image x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" preserveAspectRatio=\"none\""
                            + " href=\"data:image/jpeg;base64,%s\"/>\n",
                    x,
                    y,
                    width,
                    height,
                    Base64.getEncoder().encodeToString(jpeg)));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Color stroke) {
            body.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                    x1,
                    y1,
                    x2,
                    y2,
                    hex(stroke)));
        }

        @Override
        public void text(double x, double y, String text, int size, Color color, boolean centred) {
            body.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\"%s>%s</text>\n",
                    x,
                    y,
                    size,
                    hex(color),
                    centred ? " text-anchor=\"middle\"" : "",
                    escape(text)));
        }

        private static String hex(Color color) {
            return String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
