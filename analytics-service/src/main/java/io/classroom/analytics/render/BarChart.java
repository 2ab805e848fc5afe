package io.classroom.analytics.render;

import java.awt.Color;
import java.util.List;

/** Bars of shares between 0 and 1 (a timeline per minute or per session), with a 0-100 % axis. */
public record BarChart(String title, List<String> labels, double[] shares) implements Chart {

    static final int LEFT = 50;
    static final int TOP = 50;
    static final int PLOT_HEIGHT = 220;
    static final int BOTTOM = 40;
    static final int RIGHT = 20;
    static final int MIN_PLOT_WIDTH = 480;

    private int barWidth() {
        return Math.max(2, Math.min(24, MIN_PLOT_WIDTH / Math.max(1, shares.length)));
    }

    @Override
    public int width() {
        return LEFT + Math.max(MIN_PLOT_WIDTH, barWidth() * shares.length) + RIGHT;
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + BOTTOM;
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.rect(0, 0, width(), height(), Color.WHITE);
        canvas.text(LEFT, 28, title, 16, Color.BLACK, false);
        int plotRight = width() - RIGHT;
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = TOP + PLOT_HEIGHT * (1 - pct / 100.0);
            canvas.line(LEFT, y, plotRight, y, Palette.GRID);
            canvas.text(8, y + 4, pct + "%", 10, Color.DARK_GRAY, false);
        }
        int bar = barWidth();
        // Label about every 60 px so labels never overlap.
        int labelEvery = Math.max(1, (int) Math.ceil(60.0 / bar));
        for (int i = 0; i < shares.length; i++) {
            double share = Math.max(0, Math.min(1, shares[i]));
            double x = LEFT + i * bar;
            double height = PLOT_HEIGHT * share;
            canvas.rect(x, TOP + PLOT_HEIGHT - height, Math.max(1, bar - 1), height, Palette.BAR);
            if (i % labelEvery == 0 && i < labels.size()) {
                canvas.text(x + bar / 2.0, TOP + PLOT_HEIGHT + 16, labels.get(i), 10, Color.DARK_GRAY, true);
            }
        }
        canvas.line(LEFT, TOP + PLOT_HEIGHT, plotRight, TOP + PLOT_HEIGHT, Color.GRAY);
    }
}
