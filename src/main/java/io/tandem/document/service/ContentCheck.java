package io.tandem.document.service;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.document.DocumentKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Decides what an upload is from its bytes (never from a file name or a declared type), refuses anything but a
 * readable PDF or an HTML document, and sanitises HTML. Blocking work (PDF parsing): call it on a worker thread.
 */
public final class ContentCheck {

    /** What is stored: the content (for HTML the sanitised document), its kind and, for a PDF, its page count. */
    public record Checked(DocumentKind kind, byte[] content, Integer pages) {}

    /** Tags and attributes a policy document may keep: text structure, tables and links, no media, no script. */
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("img")
            .addAttributes(":all", "id", "class", "title")
            .addProtocols("a", "href", "#")
            .preserveRelativeLinks(false);

    private ContentCheck() {}

    public static Checked check(byte[] bytes, int maxPages) {
        if (bytes.length == 0) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The upload is empty");
        }
        if (startsWith(bytes, "%PDF-")) {
            return new Checked(DocumentKind.PDF, bytes, pdfPages(bytes, maxPages));
        }
        String text = html(bytes);
        if (text == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Only PDF and HTML documents can be uploaded (told apart by their content, not their name)");
        }
        return new Checked(DocumentKind.HTML, sanitise(text).getBytes(StandardCharsets.UTF_8), null);
    }

    /** The sanitised document: the body's allowed content in a fixed, script-free shell with the original title. */
    static String sanitise(String html) {
        Document dirty = Jsoup.parse(html);
        String title = dirty.title();
        String body = Jsoup.clean(dirty.body().html(), "", SAFELIST,
                new Document.OutputSettings().prettyPrint(false));
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + org.jsoup.nodes.Entities.escape(title) + "</title></head><body>" + body + "</body></html>\n";
    }

    private static int pdfPages(byte[] bytes, int maxPages) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            if (pdf.isEncrypted()) {
                throw corrupt("The PDF is encrypted");
            }
            int pages = pdf.getNumberOfPages();
            if (pages < 1) {
                throw corrupt("The PDF has no pages");
            }
            if (pages > maxPages) {
                throw corrupt("The PDF has more than " + maxPages + " pages");
            }
            pdf.getPage(pages - 1).getMediaBox(); // walks the page tree to its end
            return pages;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw corrupt("The PDF cannot be read");
        }
    }

    /** The text of an HTML document (UTF-8, no NUL, starting with a tag such as a doctype or html), or null. */
    private static String html(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            return null;
        }
        String head = text.stripLeading().replace("\uFEFF", "");
        head = head.substring(0, Math.min(head.length(), 64)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body") || head.startsWith("<!--") ? text : null;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException corrupt(String detail) {
        return new ProblemException(ProblemType.CORRUPT_DOCUMENT, detail);
    }
}
