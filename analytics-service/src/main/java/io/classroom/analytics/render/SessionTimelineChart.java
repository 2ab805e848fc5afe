package io.classroom.analytics.render;

import java.awt.Color;
import java.util.List;

/**
 * A session over time: the class's attentive share per minute of the session (bars, optional), then one row per
 * student with the stretches they were seen (light) and seen attentive (dark), on one time axis with a legend.
 */
public record SessionTimelineChart(
        double durationSeconds, List<Tick> ticks, double[] attentiveSharePerMinute, List<Row> rows) implements Chart {

    /** A label on the time axis, {@code atSeconds} after the session's start. */
    public record Tick(double atSeconds, String label) {}

    /** One student: a name and the stretches they were seen. */
    public record Row(String name, List<Span> spans) {}

    /** Seconds after the session's start; attentive or only seen. */
    public record Span(double fromSeconds, double toSeconds, boolean attentive) {}

    static final Color ATTENTIVE = new Color(0x276749);
    static final Color SEEN = new Color(0x9ae6b4);
    static final Color NOT_SEEN = new Color(0xedf2f7);
    private static final int WIDTH = 1400;
    private static final int LEFT = 230;
    private static final int RIGHT = 50;
    private static final int LEGEND = 44;
    private static final int BARS = 90;
    private static final int ROW = 26;
    private static final int AXIS = 36;

    private boolean hasBars() {
        return attentiveSharePerMinute != null && attentiveSharePerMinute.length > 0;
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return LEGEND + (hasBars() ? BARS + 16 : 0) + Math.max(1, rows.size()) * ROW + AXIS;
    }

    private double x(double seconds) {
        double plot = WIDTH - LEFT - RIGHT;
        return LEFT + plot * Math.max(0, Math.min(1, seconds / Math.max(1, durationSeconds)));
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.rect(0, 0, width(), height(), Color.WHITE);
        legend(canvas);
        int top = LEGEND;
        if (hasBars()) {
            bars(canvas, top);
            top += BARS + 16;
        }
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            double y = top + i * ROW;
            canvas.text(12, y + ROW - 9, row.name(), 15, Color.BLACK, false);
            canvas.rect(LEFT, y + 3, x(durationSeconds) - LEFT, ROW - 6, NOT_SEEN);
            for (var span : row.spans()) {
                double from = x(span.fromSeconds());
                canvas.rect(
                        from,
                        y + 3,
                        Math.max(1, x(span.toSeconds()) - from),
                        ROW - 6,
                        span.attentive() ? ATTENTIVE : SEEN);
            }
        }
        double axis = top + Math.max(1, rows.size()) * ROW;
        canvas.line(LEFT, axis, x(durationSeconds), axis, Color.GRAY);
        for (var tick : ticks) {
            double tx = x(tick.atSeconds());
            canvas.line(tx, axis, tx, axis + 5, Color.GRAY);
            canvas.text(tx, axis + 22, tick.label(), 14, Color.DARK_GRAY, true);
        }
    }

    private void legend(Canvas canvas) {
        double x = LEFT;
        for (var entry : List.of(
                new Object[] {ATTENTIVE, "seen, attentive"},
                new Object[] {SEEN, "seen, not attentive"},
                new Object[] {NOT_SEEN, "not seen"})) {
            canvas.rect(x, 12, 22, 16, (Color) entry[0]);
            canvas.text(x + 30, 26, (String) entry[1], 15, Color.BLACK, false);
            x += 250;
        }
    }

    /** The class's attentive share per minute of the session, 0-100 %. */
    private void bars(Canvas canvas, int top) {
        canvas.text(12, top + BARS / 2.0, "Class attentive", 15, Color.BLACK, false);
        canvas.text(12, top + BARS / 2.0 + 18, "share per minute", 15, Color.BLACK, false);
        for (int pct : new int[] {0, 50, 100}) {
            double y = top + BARS * (1 - pct / 100.0);
            canvas.line(LEFT, y, x(durationSeconds), y, Palette.GRID);
            canvas.text(
                    LEFT - 8 - (pct == 100 ? 34 : pct == 50 ? 26 : 18), y + 5, pct + "%", 13, Color.DARK_GRAY, false);
        }
        for (int m = 0; m < attentiveSharePerMinute.length; m++) {
            double share = Math.max(0, Math.min(1, attentiveSharePerMinute[m]));
            double from = x(m * 60.0);
            double to = x(Math.min(durationSeconds, (m + 1) * 60.0));
            canvas.rect(from + 1, top + BARS * (1 - share), Math.max(1, to - from - 2), BARS * share, Palette.BAR);
        }
    }
}
