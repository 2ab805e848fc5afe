package io.classroom.analytics.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

    static final GridChart GRID = new GridChart(
            "Grid", List.of("a", "b"), List.of("0", "1", "2"), new double[][] {{0, 1, 2}, {3, 0, 5}}, null);

    @Test
    void gridAsPng() throws IOException {
        ImageAssertions.assertRealPng(ChartRenderer.png(GRID), GRID.width(), GRID.height());
    }

    @Test
    void barsAsPngAndSvg() throws IOException {
        var bars = new BarChart("Bars <&>", List.of("08:00", "08:01"), new double[] {0.5, 1.0});
        ImageAssertions.assertRealPng(ChartRenderer.png(bars), bars.width(), bars.height());
        String svg = ChartRenderer.svg(bars);
        assertThat(svg)
                .startsWith("<svg")
                .contains("Bars &lt;&amp;&gt;")
                .contains("<rect")
                .endsWith("</svg>\n");
    }

    @Test
    void pdfHasTitleTableAndImage() throws IOException {
        byte[] pdf = PdfReport.render(
                "Attendance report",
                List.of("Class: Physics"),
                List.of(ChartRenderer.png(GRID)),
                new PdfReport.Table(
                        List.of("Student", "Status"),
                        new float[] {2, 1},
                        new boolean[] {false, false},
                        List.of(List.of("Ada", "Present"), List.of("Bob", "Absent"))),
                "Times in UTC.");
        ImageAssertions.assertRealPdf(
                pdf, true, "Attendance report", "Class: Physics", "Student", "Present", "Bob", "Times in UTC.");
    }
}
