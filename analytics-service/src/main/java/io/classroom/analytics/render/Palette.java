package io.classroom.analytics.render;

import java.awt.Color;

/** Colours shared by the charts. */
final class Palette {
    static final Color BAR = new Color(0x2b6cb0);
    static final Color GRID = new Color(0xe2e8f0);
    private static final Color EMPTY = new Color(0xf7fafc);
    private static final Color FULL = new Color(0x1a365d);

    private Palette() {}

    /** From a near-white (0) to dark blue (1). */
    static Color shade(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        return new Color(
                mix(EMPTY.getRed(), FULL.getRed(), f),
                mix(EMPTY.getGreen(), FULL.getGreen(), f),
                mix(EMPTY.getBlue(), FULL.getBlue(), f));
    }

    private static int mix(int from, int to, double f) {
        return (int) Math.round(from + (to - from) * f);
    }
}
