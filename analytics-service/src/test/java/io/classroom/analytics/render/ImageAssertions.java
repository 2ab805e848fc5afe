package io.classroom.analytics.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** Checks that rendered images and documents are real: decodable, the right size, not blank. */
public final class ImageAssertions {
    private ImageAssertions() {}

    /** Decodes a PNG and checks its size and that it is not one flat colour. */
    public static BufferedImage assertRealPng(byte[] png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        if (width > 0) {
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(height);
        }
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).hasSizeGreaterThan(3);
        return image;
    }

    /** The text of every page of a PDF. */
    public static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Opens a PDF, checks that the texts are there and that a page carries an image. */
    public static void assertRealPdf(byte[] pdf, boolean withImage, String... texts) throws IOException {
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // Table cells wrap long values: compare without whitespace.
            String squashed = text.replaceAll("\\s+", "");
            for (String expected : texts) {
                assertThat(squashed).contains(expected.replaceAll("\\s+", ""));
            }
            boolean image = false;
            for (var page : document.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    image |= page.getResources().getXObject(name) instanceof PDImageXObject;
                }
            }
            assertThat(image).isEqualTo(withImage);
        }
    }
}
