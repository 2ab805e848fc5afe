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

/** A report as PDF (OpenPDF): title, summary lines, a chart image and a table. CPU work: off the event loop. */
public final class PdfReport {

    private PdfReport() {}

    public static byte[] render(
            String title, List<String> summary, byte[] chartPng, List<String> headers, List<List<String>> rows) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(title);
            document.open();
            document.add(new Paragraph(title, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16)));
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 10);
            for (String line : summary) {
                document.add(new Paragraph(line, body));
            }
            if (chartPng != null) {
                Image chart = Image.getInstance(chartPng);
                chart.scaleToFit(document.getPageSize().getWidth() - 72, 300);
                chart.setAlignment(Element.ALIGN_CENTER);
                chart.setSpacingBefore(8);
                document.add(chart);
            }
            var table = new PdfPTable(headers.size());
            table.setWidthPercentage(100);
            // Ids and timestamps are long: the first column and the columns named *At get more room.
            float[] widths = new float[headers.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = i == 0
                        ? 3.2f
                        : headers.get(i).endsWith("At") ? 2.2f : headers.get(i).equals("name") ? 2f : 1f;
            }
            table.setWidths(widths);
            table.setSpacingBefore(10);
            table.setHeaderRows(1);
            Font head = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
            Font cellFont = FontFactory.getFont(FontFactory.HELVETICA, 8);
            for (String header : headers) {
                var cell = new PdfPCell(new Phrase(header, head));
                cell.setBackgroundColor(new Color(0xe2e8f0));
                table.addCell(cell);
            }
            for (List<String> row : rows) {
                for (String value : row) {
                    table.addCell(new PdfPCell(new Phrase(value == null ? "" : value, cellFont)));
                }
            }
            document.add(table);
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
}
