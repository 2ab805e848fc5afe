package io.classroom.analytics.render;

/** A chart that knows its size and how to draw itself. */
public sealed interface Chart permits GridChart, BarChart, SessionTimelineChart, CameraHeatmapChart {

    int width();

    int height();

    void draw(Canvas canvas);
}
