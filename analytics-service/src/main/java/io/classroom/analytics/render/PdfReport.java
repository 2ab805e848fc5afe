package io.classroom.analytics.render;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A report as PDF (OpenPDF, A4 landscape): title, summary lines, charts, a table, a footnote. A table of up to
 * {@value #KEEP_TOGETHER_ROWS} rows is never split over two pages. CPU work: off the event loop.
 */
public final class PdfReport {

    static final int KEEP_TOGETHER_ROWS = 30;
    /** Points: a chart of a class of 30 stays legible (scaled to the page's width, not shrunk to a strip). */
    private static final int MAX_CHART_HEIGHT = 440;

    /**
     * A table: column titles, relative column widths and which columns hold numbers (right-aligned).
     *
     * @param numeric one flag per column
     */
    public record Table(List<String> headers, float[] widths, boolean[] numeric, List<List<String>> rows) {}

    private PdfReport() {}

    public static byte[] render(
            String title, List<String> summary, List<byte[]> chartsPng, Table table, String footnote) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 36, 36, 30, 30);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(title);
            document.open();
            document.add(new Paragraph(title, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16)));
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 10);
            for (String line : summary) {
                var paragraph = new Paragraph(line, body);
                paragraph.setSpacingBefore(2);
                document.add(paragraph);
            }
            for (byte[] png : chartsPng) {
                Image chart = Image.getInstance(png);
                chart.scaleToFit(document.getPageSize().getWidth() - 72, MAX_CHART_HEIGHT);
                chart.setAlignment(Element.ALIGN_CENTER);
                chart.setSpacingBefore(8);
                document.add(chart);
            }
            document.add(table(table));
            if (footnote != null) {
                var note = new Paragraph(footnote, FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8));
                note.setSpacingBefore(6);
                document.add(note);
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot build the PDF report", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private static PdfPTable table(Table table) throws DocumentException {
        var pdf = new PdfPTable(table.headers().size());
        pdf.setWidthPercentage(100);
        pdf.setWidths(table.widths());
        pdf.setSpacingBefore(10);
        pdf.setHeaderRows(1);
        // A short roster moves to the next page whole instead of leaving a row or two behind.
        pdf.setKeepTogether(table.rows().size() <= KEEP_TOGETHER_ROWS);
        Font head = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
        Font cellFont = FontFactory.getFont(FontFactory.HELVETICA, 9);
        for (int c = 0; c < table.headers().size(); c++) {
            var cell = new PdfPCell(new Phrase(table.headers().get(c), head));
            cell.setBackgroundColor(new Color(0xe2e8f0));
            cell.setHorizontalAlignment(table.numeric()[c] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            cell.setPadding(4);
            pdf.addCell(cell);
        }
        for (List<String> row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                var cell = new PdfPCell(new Phrase(row.get(c) == null ? "" : row.get(c), cellFont));
                cell.setHorizontalAlignment(table.numeric()[c] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                cell.setPadding(4);
                pdf.addCell(cell);
            }
        }
        return pdf;
    }
}
