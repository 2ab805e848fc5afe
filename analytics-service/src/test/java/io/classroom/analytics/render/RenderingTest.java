package io.classroom.analytics.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
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

    @Test
    void cameraHeatmapHasTitleLegendAndBackground() throws IOException {
        long[][] faces = {{0, 4, 0}, {1, 0, 8}};
        Integer[][] percent = {{null, 75, null}, {100, null, 50}};
        var background = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB), "jpg", background);

        var plain =
                new CameraHeatmapChart("Front \u2014 Room 204", "Physics, one session", faces, percent, null, 2 / 3.0);
        var over = new CameraHeatmapChart(
                "Front \u2014 Room 204", "Physics, one session", faces, percent, background.toByteArray(), 36 / 64.0);

        ImageAssertions.assertRealPng(ChartRenderer.png(plain), plain.width(), plain.height());
        ImageAssertions.assertRealPng(ChartRenderer.png(over), over.width(), over.height());
        assertThat(ChartRenderer.svg(plain))
                .contains("Front \u2014 Room 204")
                .contains("Faces seen in the cell")
                .contains(">8<") // the legend's upper end: the busiest cell
                .contains(">75%<")
                .doesNotContain("<image")
                .doesNotContain("fill-opacity");
        assertThat(ChartRenderer.svg(over))
                .contains("<image")
                .contains("data:image/jpeg;base64,")
                .contains("fill-opacity")
                .contains("blurred so that no one can be recognised");
    }
}
