package io.classroom.analytics.render;

import java.awt.Color;

/** The few drawing operations the charts need, so one chart draws to PNG and SVG alike. */
interface Canvas {

    /** A filled rectangle; a colour with alpha lets what is below show through. */
    void rect(double x, double y, double width, double height, Color fill);

    /** A JPEG stretched over the rectangle. */
    void image(double x, double y, double width, double height, byte[] jpeg);

    void line(double x1, double y1, double x2, double y2, Color stroke);

    /** Draws text with its baseline at {@code y}; centred on {@code x} when {@code centred}. */
    void text(double x, double y, String text, int size, Color color, boolean centred);
}
