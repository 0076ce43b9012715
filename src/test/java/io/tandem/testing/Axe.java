package io.tandem.testing;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * axe-core (npm, node_modules/axe-core) run in a page under test with the WCAG 2.0, 2.1 and 2.2 A and AA rules. The
 * engine is evaluated through the browser's debugging protocol, so a page's Content-Security-Policy (which forbids
 * inline scripts) does not stop it, and nothing of it is served by Tandem.
 */
public final class Axe {

    private static final Path ENGINE = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final String RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']";
    private static String engine;

    private Axe() {}

    /**
     * The serious and critical violations in the page as it stands, one line each: the rule, what it asks, and the
     * elements that break it with axe's summary of why. Empty when none.
     */
    public static List<String> seriousViolations(Page page) {
        return seriousViolations(page, "document");
    }

    /** As {@link #seriousViolations(Page)}, limited to the elements a CSS selector names (and what they hold). */
    public static List<String> seriousViolations(Page page, String context) {
        Object loaded = page.evaluate("() => typeof window.axe");
        if (!"object".equals(loaded)) {
            page.evaluate(source());
        }
        String target = context.equals("document") ? "document" : "{ include: [" + quote(context) + "] }";
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) page.evaluate("async () => {"
                + " const r = await axe.run(" + target + ", { runOnly: { type: 'tag', values: " + RULES + " },"
                + " resultTypes: ['violations'] });"
                + " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({"
                + " id: v.id, impact: v.impact, help: v.help,"
                + " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '')"
                + ".replace(/\\s+/g, ' ')) })); }");
        return found.stream().map(v -> v.get("impact") + " " + v.get("id") + " (" + v.get("help") + "): " + v.get(
                "nodes")).toList();
    }

    private static synchronized String source() {
        if (engine == null) {
            try {
                engine = Files.readString(ENGINE, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing: run npm ci (" + ENGINE.toAbsolutePath() + ")", e);
            }
        }
        return engine;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
