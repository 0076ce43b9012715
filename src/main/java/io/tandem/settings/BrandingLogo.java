package io.tandem.settings;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;

/**
 * Checks an uploaded logo: its type is decided by its bytes (PNG, JPEG, WebP or SVG; never by a name or a declared
 * type), and an SVG is sanitised: no script, no event handlers, no foreign content, no references outside the image.
 * It is also only ever served with a sandboxing CSP and shown through an img element, where SVG script never runs.
 */
public final class BrandingLogo {

    /** A checked logo: what is stored and served, and its content type. */
    public record Checked(byte[] content, String type) {}

    /** SVG elements that run script, embed other documents or change attributes over time. */
    private static final Set<String> DROPPED = Set.of("script", "foreignobject", "iframe", "object", "embed", "audio",
            "video", "handler", "listener", "animate", "set", "animatemotion", "animatetransform", "a");

    private BrandingLogo() {}

    public static Checked check(byte[] bytes, int maxBytes) {
        if (bytes.length == 0) {
            throw unsupported("The logo file is empty.");
        }
        if (bytes.length > maxBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The logo is larger than " + maxBytes / 1024 + " KB; choose a smaller image.");
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return new Checked(bytes, "image/png");
        }
        if (startsWith(bytes, 0, 0xff, 0xd8, 0xff)) {
            return new Checked(bytes, "image/jpeg");
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return new Checked(bytes, "image/webp");
        }
        String text = utf8(bytes);
        if (text != null) {
            return new Checked(sanitiseSvg(text).getBytes(StandardCharsets.UTF_8), "image/svg+xml");
        }
        throw unsupported("The logo must be a PNG, SVG, JPEG or WebP image.");
    }

    /** The SVG without anything active; refused unless its root element is svg. */
    static String sanitiseSvg(String text) {
        Document doc = Jsoup.parse(text, "", Parser.xmlParser());
        Element root = doc.children().size() == 1 ? doc.child(0) : null;
        if (root == null || !"svg".equals(localName(root))) {
            throw unsupported("The logo must be a PNG, SVG, JPEG or WebP image.");
        }
        for (Node n : doc.childNodes().toArray(new Node[0])) {
            if (n != root) {
                n.remove(); // doctype (entities), processing instructions, comments
            }
        }
        for (Element e : root.getAllElements()) {
            if (e != root && DROPPED.contains(localName(e))) {
                e.remove();
            }
        }
        for (Element e : root.getAllElements()) {
            for (Attribute a : e.attributes().asList()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().trim();
                boolean reference = name.equals("href") || name.endsWith(":href") || name.equals("src");
                if (name.startsWith("on") || (reference && !value.startsWith("#"))
                        || value.toLowerCase(Locale.ROOT).contains("javascript:")) {
                    e.removeAttr(a.getKey());
                }
            }
        }
        doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).prettyPrint(false);
        return root.outerHtml();
    }

    private static String localName(Element e) {
        String name = e.tagName().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int at, int... prefix) {
        if (bytes.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[at + i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
