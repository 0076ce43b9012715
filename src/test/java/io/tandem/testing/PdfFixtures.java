package io.tandem.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** PDFs made by the tests themselves (PDFBox): a policy with a heading and clauses on each page. */
public final class PdfFixtures {

    private PdfFixtures() {}

    /** A policy of `pages` A4 pages; page n has the heading "Page n" and the clause text "Clause n.1 ...". */
    public static byte[] policy(String title, int pages) {
        return policy(title, pages, 0);
    }

    /** The same with an uncompressed comment of `padding` bytes on the first page (to make large but valid PDFs). */
    public static byte[] policy(String title, int pages, int padding) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int n = 1; n <= pages; n++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream c = new PDPageContentStream(doc, page,
                        PDPageContentStream.AppendMode.OVERWRITE, false)) {
                    if (n == 1 && padding > 0) {
                        for (int left = padding; left > 0; left -= 10_000) {
                            c.addComment("x".repeat(Math.min(left, 10_000)));
                        }
                    }
                    c.beginText();
                    c.setFont(font, 24);
                    c.newLineAtOffset(72, 760);
                    c.showText(title + " - Page " + n);
                    c.setFont(font, 14);
                    c.newLineAtOffset(0, -60);
                    c.showText("Clause " + n + ".1 Water damage is covered up to the insured sum.");
                    c.newLineAtOffset(0, -30);
                    c.showText("Clause " + n + ".2 Claims must be reported within thirty days.");
                    c.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
