package io.classroom.analytics.render;

import java.awt.Color;

/**
 * Where faces were in a camera's frame: a grid over the frame, each cell shaded by the faces whose box centre fell in it
 * (legend and unit below) and labelled with the attentive share of those faces; drawn over the room's snapshot when
 * there is one, so that a cell reads as a place in the room.
 *
 * @param faces faces per cell, {@code [row][column]}
 * @param attentivePercent attentive share per cell in whole percent, {@code [row][column]}; null where no face was seen
 * @param background a JPEG of the room, or null
 * @param aspect the frame's height over its width
 */
public record CameraHeatmapChart(
        String title, String subtitle, long[][] faces, Integer[][] attentivePercent, byte[] background, double aspect)
        implements Chart {

    static final int MARGIN = 20;
    static final int AREA_WIDTH = 640;
    static final int TOP = 64;
    static final int LEGEND = 78;
    static final int BAR_WIDTH = 240;
    private static final Color LINE = new Color(255, 255, 255, 110);

    private int rows() {
        return faces.length;
    }

    private int columns() {
        return faces[0].length;
    }

    private int areaHeight() {
        return (int) Math.round(AREA_WIDTH * aspect);
    }

    @Override
    public int width() {
        return MARGIN + AREA_WIDTH + MARGIN;
    }

    @Override
    public int height() {
        return TOP + areaHeight() + LEGEND;
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.rect(0, 0, width(), height(), Color.WHITE);
        canvas.text(MARGIN, 26, title, 16, Color.BLACK, false);
        canvas.text(MARGIN, 46, subtitle, 11, Color.DARK_GRAY, false);
        double cellWidth = (double) AREA_WIDTH / columns();
        double cellHeight = (double) areaHeight() / rows();
        if (background != null) {
            canvas.image(MARGIN, TOP, AREA_WIDTH, areaHeight(), background);
        } else {
            canvas.rect(MARGIN, TOP, AREA_WIDTH, areaHeight(), Palette.GRID);
        }
        long max = 1;
        for (long[] row : faces) {
            for (long count : row) {
                max = Math.max(max, count);
            }
        }
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                if (faces[r][c] == 0) {
                    continue;
                }
                double fraction = (double) faces[r][c] / max;
                double x = MARGIN + c * cellWidth;
                double y = TOP + r * cellHeight;
                canvas.rect(x, y, cellWidth, cellHeight, heat(fraction));
                if (attentivePercent[r][c] != null) {
                    canvas.text(
                            x + cellWidth / 2,
                            y + cellHeight / 2 + 4,
                            attentivePercent[r][c] + "%",
                            10,
                            fraction > 0.45 ? Color.WHITE : Color.BLACK,
                            true);
                }
            }
        }
        for (int c = 1; c < columns(); c++) {
            canvas.line(MARGIN + c * cellWidth, TOP, MARGIN + c * cellWidth, TOP + areaHeight(), LINE);
        }
        for (int r = 1; r < rows(); r++) {
            canvas.line(MARGIN, TOP + r * cellHeight, MARGIN + AREA_WIDTH, TOP + r * cellHeight, LINE);
        }
        legend(canvas, TOP + areaHeight() + 18, max);
    }

    /** A colour bar from 1 face to the busiest cell's count, and what the numbers in the cells mean. */
    private void legend(Canvas canvas, double y, long max) {
        int steps = 24;
        double step = (double) BAR_WIDTH / steps;
        for (int i = 0; i < steps; i++) {
            canvas.rect(MARGIN + i * step, y, step + 0.5, 12, heat((i + 1.0) / steps));
        }
        canvas.text(MARGIN, y + 26, "1", 10, Color.DARK_GRAY, false);
        canvas.text(MARGIN + BAR_WIDTH, y + 26, String.valueOf(max), 10, Color.DARK_GRAY, true);
        canvas.text(
                MARGIN + BAR_WIDTH + 24,
                y + 10,
                "Faces seen in the cell (detections, one per face per analysed frame)",
                11,
                Color.BLACK,
                false);
        canvas.text(
                MARGIN + BAR_WIDTH + 24,
                y + 26,
                "Number in a cell: share of those faces judged attentive",
                11,
                Color.BLACK,
                false);
        if (background != null) {
            canvas.text(
                    MARGIN,
                    y + 48,
                    "Background: the room when the session started, blurred so that no one can be recognised",
                    10,
                    Color.DARK_GRAY,
                    false);
        }
    }

    /** The shade of a fraction of the busiest cell; see-through enough for the room to show, over a snapshot. */
    private Color heat(double fraction) {
        var shade = Palette.shade(0.25 + 0.75 * fraction);
        int alpha = background == null ? 255 : (int) Math.round(255 * (0.35 + 0.45 * fraction));
        return new Color(shade.getRed(), shade.getGreen(), shade.getBlue(), alpha);
    }
}
