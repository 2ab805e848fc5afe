package io.classroom.analytics.render;

import java.awt.Color;
import java.util.List;

/**
 * A heat grid: {@code values[row][column]}, shaded from white (0) to dark blue (the maximum); an optional text per cell.
 */
public record GridChart(
        String title, List<String> rowLabels, List<String> columnLabels, double[][] values, String[][] cellText)
        implements Chart {

    static final int CELL = 32;
    static final int LEFT = 70;
    static final int TOP = 50;
    static final int BOTTOM = 40;
    static final int RIGHT = 20;

    @Override
    public int width() {
        return LEFT + columnLabels.size() * CELL + RIGHT;
    }

    @Override
    public int height() {
        return TOP + rowLabels.size() * CELL + BOTTOM;
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.rect(0, 0, width(), height(), Color.WHITE);
        canvas.text(LEFT, 28, title, 16, Color.BLACK, false);
        double max = 0;
        for (double[] row : values) {
            for (double value : row) {
                max = Math.max(max, value);
            }
        }
        for (int r = 0; r < rowLabels.size(); r++) {
            double y = TOP + r * CELL;
            canvas.text(8, y + CELL * 0.65, rowLabels.get(r), 11, Color.DARK_GRAY, false);
            for (int c = 0; c < columnLabels.size(); c++) {
                double x = LEFT + c * CELL;
                canvas.rect(x, y, CELL - 1, CELL - 1, Palette.shade(max == 0 ? 0 : values[r][c] / max));
                if (cellText != null && cellText[r][c] != null) {
                    Color ink = max > 0 && values[r][c] / max > 0.55 ? Color.WHITE : Color.BLACK;
                    canvas.text(x + CELL / 2.0, y + CELL * 0.62, cellText[r][c], 9, ink, true);
                }
            }
        }
        double labelY = TOP + rowLabels.size() * CELL + 16;
        for (int c = 0; c < columnLabels.size(); c++) {
            canvas.text(LEFT + c * CELL + CELL / 2.0, labelY, columnLabels.get(c), 10, Color.DARK_GRAY, true);
        }
    }
}
