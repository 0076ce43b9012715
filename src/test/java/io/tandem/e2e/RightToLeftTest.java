package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Axe;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 5: Arabic, written right to left, as the customer's sixth language. The customer's browser speaks
 * Arabic (ar), the advisor's console stays English. The join page and the workspace are dir=rtl and mirror (the
 * consent buttons and the drawing tools start at the right, where they start at the left in English), while what is
 * not Tandem's own does not: the advisor's page mirrored in the workspace keeps its direction and layout, drawings land
 * on the same spot of a page as the advisor drew them, and the policy document's page is drawn as it is (its text starts
 * at the left margin) under a toolbar that mirrors. On the firm's site, tandem.js's own hosts are rtl — the pill docks
 * at the bottom right, the drawing tools at the left edge, the rating card at the bottom left — and the site's
 * {@code <html>} is left alone; the call tile docks at the bottom right, and a visitor's help code reads left to right. Nothing overflows sideways, and axe finds no serious or critical violation on the
 * Arabic pages. Screenshots of each state are kept in target/rtl-screenshots for a human to look at.
 */
@QuarkusTest
class RightToLeftTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final Path SHOTS = Path.of("target", "rtl-screenshots");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** The whole page (the join page and the workspace), or what is in the window (the site: fixed UI in place). */
    private static void screenshot(Page page, String name) {
        screenshot(page, name, true);
    }

    private static void screenshot(Page page, String name, boolean fullPage) {
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(fullPage));
    }

    /** Nothing sticks out sideways: the page never scrolls horizontally. */
    private static void noHorizontalOverflow(Page page, String state) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) page.evaluate("() => ({ scroll:"
                + " document.documentElement.scrollWidth, client: document.documentElement.clientWidth })");
        assertTrue(num(sizes, "scroll") <= num(sizes, "client"), state + ": the page overflows sideways: " + sizes);
    }

    private static void noSeriousViolations(Page page, String state) {
        assertEquals(List.of(), Axe.seriousViolations(page), state + ": axe");
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /** The element's box in the page: x, y, right, bottom, width (client coordinates; through open shadow roots). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(Page page, String selector) {
        return (Map<String, Object>) page.locator(selector).first().evaluate("(e) => { const r ="
                + " e.getBoundingClientRect(); return { x: r.left, y: r.top, right: r.right, bottom: r.bottom,"
                + " width: r.width }; }");
    }

    /** The content box of the join page's card (inside its padding), in client coordinates. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cardContent(Page page) {
        return (Map<String, Object>) page.evaluate("() => { const c = document.querySelector('main.card');"
                + " const r = c.getBoundingClientRect(); const s = getComputedStyle(c);"
                + " const l = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);"
                + " const rt = r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight);"
                + " return { x: l, right: rt }; }");
    }

    private static final String ON_PAGE = """
            ([panel, selector]) => {
              const page = document.querySelector(panel + ' .doc-page');
              const shape = page && page.querySelector('.tandem-annotations ' + selector);
              if (!shape) return null;
              const p = page.getBoundingClientRect();
              const r = shape.getBoundingClientRect();
              return {x0: (r.left - p.left) / p.width, y0: (r.top - p.top) / p.height,
                  x1: (r.right - p.left) / p.width, y1: (r.bottom - p.top) / p.height};
            }""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onPage(Page page, String panel, String selector) {
        PageConditions.until(page, "(a) => (" + ON_PAGE + ")(a) !== null", List.of(panel, selector),
                Duration.ofSeconds(10), selector + " drawn on the page in " + panel);
        return (Map<String, Object>) page.evaluate(ON_PAGE, List.of(panel, selector));
    }

    private static void near(Map<String, Object> actual, Map<String, Double> expected, String what) {
        expected.forEach((key, value) -> assertTrue(Math.abs(num(actual, key) - value) < 0.03,
                what + ": " + key + " expected about " + value + " of the page, got " + actual));
    }

    /** The client position of a fraction of the panel's shown page (scrolled into the window first). */
    private static double[] clientAt(Page page, String panel, double fx, double fy) {
        page.locator(panel + " .doc-scroll").scrollIntoViewIfNeeded();
        Map<String, Object> b = box(page, panel + " .doc-page");
        return new double[]{num(b, "x") + fx * num(b, "width"), num(b, "y") + fy * (num(b, "bottom") - num(b, "y"))};
    }

    private static void drag(Page page, double[] from, double[] to) {
        page.mouse().move(from[0], from[1]);
        page.mouse().down();
        page.mouse().move(to[0], to[1], new Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    private static BufferedImage png(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anArabicCustomersJoinPageAndWorkspaceMirrorButTheAdvisorsPageDrawingsAndTheDocumentDoNot() throws IOException {
        String title = "Arabic Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR, title, 2, "Home", "2026-01");
        JsonPath created = newSession(ADVISOR, "Amira Haddad");
        String id = created.getString("id");
        Page customer = pages.speaking("ar");
        customer.navigate(created.getString("joinUrl"));

        // the consent page, right to left in Arabic
        assertThat(customer.locator("#consent h1")).hasText("هل تريد مشاركة شاشتك مع " + iso("Alice Archer") + "؟");
        assertThat(customer.locator("html")).hasAttribute("dir", "rtl");
        assertThat(customer.locator("html")).hasAttribute("lang", "ar");
        assertThat(customer.locator("#accept")).hasText("نعم، ابدأ الجلسة");
        assertThat(customer.locator("#language")).hasValue("ar");
        assertEquals("انضم إلى مستشارك · Tandem", customer.title());
        screenshot(customer, "1-consent-ar");
        noHorizontalOverflow(customer, "consent");
        noSeriousViolations(customer, "consent in Arabic");
        Map<String, Object> card = cardContent(customer);
        Map<String, Object> accept = box(customer, "#accept");
        Map<String, Object> decline = box(customer, "#decline");
        assertTrue(Math.abs(num(card, "right") - num(accept, "right")) < 2,
                "in Arabic the first button starts at the right: " + accept + " in " + card);
        assertTrue(num(decline, "right") < num(accept, "x"), "and the second is to its left: " + decline);

        // the same page in English, for comparison: the buttons start at the left
        customer.selectOption("#language", "en");
        assertThat(customer.locator("html")).hasAttribute("dir", "ltr");
        assertThat(customer.locator("#accept")).hasText("Yes, start the session");
        screenshot(customer, "1-consent-en");
        accept = box(customer, "#accept");
        decline = box(customer, "#decline");
        assertTrue(Math.abs(num(card, "x") - num(accept, "x")) < 2,
                "in English the first button starts at the left: " + accept + " in " + card);
        assertTrue(num(decline, "x") > num(accept, "right"), "and the second is to its right: " + decline);
        customer.selectOption("#language", "ar");
        assertThat(customer.locator("html")).hasAttribute("dir", "rtl");

        // the workspace
        customer.click("#accept");
        assertThat(customer.locator("#joined h1")).hasText("أنت في جلسة مع " + iso("Alice Archer"));
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(customer.locator("#joined-status")).hasText(iso("Alice Archer") + " متصل");
        assertThat(customer.locator("#continue")).hasText("المتابعة على " + iso("Harbor Mutual"));
        assertThat(console.locator("html")).hasAttribute("lang", "en");
        assertThat(console.locator("html")).not().hasAttribute("dir", "rtl");
        assertThat(console.locator("#end-session")).hasText("End session");
        screenshot(customer, "2-workspace-ar");
        noHorizontalOverflow(customer, "workspace");
        noSeriousViolations(customer, "workspace in Arabic");

        // the advisor shows their own page: the drawing tools mirror, the advisor's page does not
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        console.click("#stage-mine");
        FrameLocator stage = console.frameLocator("#stage-frame");
        FrameLocator watched = customer.frameLocator("#workspace-mirror iframe");
        assertThat(watched.locator("#full-name")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(15_000));
        assertThat(customer.locator("#workspace-tools")).isVisible();
        card = cardContent(customer);
        Map<String, Object> point = box(customer, "#workspace-tools [data-tool='']");
        Map<String, Object> clear = box(customer, "#workspace-tools [data-action=clear]");
        assertTrue(Math.abs(num(card, "right") - num(point, "right")) < 2,
                "the drawing tools start at the right: " + point + " in " + card);
        assertTrue(num(clear, "x") < num(point, "x"), "and end to the left of where they start: " + clear);
        assertEquals("ltr", customer.evaluate("() => getComputedStyle(document.getElementById('workspace-mirror'))"
                + ".direction"), "the panel of the advisor's page is not mirrored");
        assertEquals("ltr", customer.evaluate("() => getComputedStyle(document.querySelector('#workspace-mirror"
                + " iframe').contentDocument.documentElement).direction"), "nor the page in it");

        // where a field sits across the page is the same on both sides (as a fraction of the page's width)
        console.waitForFunction("() => { const w = document.getElementById('stage-frame').contentWindow;"
                + " return w.__tandem && w.__tandem.connection === 'open' && w.__tandem.annotations; }", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        stage.locator("#full-name").scrollIntoViewIfNeeded();
        BoundingBox stageFrame = console.locator("#stage-frame").boundingBox();
        BoundingBox field = stage.locator("#full-name").boundingBox();
        BoundingBox mirrorFrame = customer.locator("#workspace-mirror iframe").boundingBox();
        PageConditions.until(customer, "() => { const f = document.querySelector('#workspace-mirror iframe');"
                + " const d = f && f.contentDocument; return !!(d && d.getElementById('full-name')); }",
                Duration.ofSeconds(5), "the advisor's field in the workspace");
        BoundingBox mirrored = watched.locator("#full-name").boundingBox();
        double advisorFraction = (field.x - stageFrame.x) / stageFrame.width;
        double customerFraction = (mirrored.x - mirrorFrame.x) / mirrorFrame.width;
        assertTrue(Math.abs(advisorFraction - customerFraction) < 0.03,
                "the field starts at " + advisorFraction + " of the advisor's page and at " + customerFraction
                        + " of the customer's view of it");

        // the advisor draws a box from the field's left edge to its middle: the customer sees it on the same spot
        stage.locator("[data-tandem-ui=draw-tools] [data-tool=rect]").click();
        console.mouse().move(field.x + 2, field.y + 2);
        console.mouse().down();
        console.mouse().move(field.x + field.width / 2, field.y + field.height / 2,
                new Mouse.MoveOptions().setSteps(8));
        console.mouse().up();
        PageConditions.until(customer, "() => { const l = window.__tandemWorkspaceAnnotations;"
                + " return !!(l && l.svg.querySelector('g[data-id][data-done] rect')); }", Duration.ofSeconds(10),
                "the advisor's box in the workspace");
        mirrored = watched.locator("#full-name").boundingBox();
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) customer.evaluate("() => { const r ="
                + " window.__tandemWorkspaceAnnotations.svg.querySelector('g[data-id][data-done] rect')"
                + ".getBoundingClientRect(); return { x: r.left, right: r.right }; }");
        double from = (num(drawn, "x") - mirrored.x) / mirrored.width;
        double to = (num(drawn, "right") - mirrored.x) / mirrored.width;
        assertTrue(Math.abs(from) < 0.05 && Math.abs(to - 0.5) < 0.05,
                "the box spans the field's left half on the customer's side as the advisor drew it: from " + from
                        + " to " + to + " of the field");
        screenshot(customer, "3-advisors-page-with-drawing-ar");
        noHorizontalOverflow(customer, "the advisor's page with the drawing tools");
        console.click("#stage-customer");
        assertThat(customer.locator("#continue"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));

        // the policy document: the toolbar mirrors, the page does not
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        String panel = "#workspace-document";
        assertThat(customer.locator(panel + "[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertThat(customer.locator(panel + " [data-doc=page]")).hasText("الصفحة " + iso("1") + " من " + iso("2"));
        PageConditions.until(customer, "(panel) => { const c = document.querySelector(panel + ' .doc-page canvas');"
                + " if (!c || !c.width) return false; const d = c.getContext('2d').getImageData(0, 0, c.width,"
                + " c.height).data; let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) ink++;"
                + " return ink > 500; }", panel, Duration.ofSeconds(10), "the document's page drawn on its canvas");
        Map<String, Object> prev = box(customer, panel + " [data-doc=prev]");
        Map<String, Object> next = box(customer, panel + " [data-doc=next]");
        assertTrue(num(prev, "x") > num(next, "right"), "the previous page is to the right in Arabic: " + prev
                + ", next " + next);
        assertEquals("ltr", customer.evaluate("(panel) => getComputedStyle(document.querySelector(panel"
                + " + ' .doc-scroll')).direction", panel), "the page's scroller is not mirrored");

        // what the customer sees of the page: ink (not blank), its lines starting at the left margin (72 pt of 595)
        customer.locator(panel + " .doc-scroll").scrollIntoViewIfNeeded();
        byte[] shot = customer.locator(panel + " .doc-page canvas").screenshot();
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve("4-document-page-ar.png"), shot);
        BufferedImage image = png(shot);
        int ink = 0;
        int leftmost = image.getWidth();
        long sumX = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                if (grey < 128) {
                    ink++;
                    leftmost = Math.min(leftmost, x);
                    sumX += x;
                }
            }
        }
        assertTrue(ink > 500, "the page is drawn: " + ink + " dark pixels");
        double leftmostFraction = (double) leftmost / image.getWidth();
        double centre = (double) sumX / ink / image.getWidth();
        assertTrue(Math.abs(leftmostFraction - 72 / 595.28) < 0.03,
                "the text starts at the page's left margin, not mirrored: " + leftmostFraction);
        assertTrue(centre < 0.5, "the text sits in the page's left part: its ink is centred at " + centre);

        // the advisor draws a box in the page's top left: it is there on the customer's page too
        console.click("#documents [data-doc=tool][data-tool=rect]");
        drag(console, clientAt(console, "#documents", 0.10, 0.20), clientAt(console, "#documents", 0.30, 0.30));
        Map<String, Double> expected = Map.of("x0", 0.10, "y0", 0.20, "x1", 0.30, "y1", 0.30);
        near(onPage(console, "#documents", "g[data-id][data-done] rect"), expected, "the advisor's box");
        near(onPage(customer, panel, "g[data-id][data-done] rect"), expected, "the box on the Arabic customer's page");
        screenshot(customer, "5-document-with-drawing-ar");
        noHorizontalOverflow(customer, "the document viewer");
        noSeriousViolations(customer, "the document viewer in Arabic");

        // the end: the rating, in Arabic
        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("#session-ended form.tandem-rating");
        assertThat(rating).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        assertThat(rating.locator(".question")).hasText("ما مدى احتمال أن توصي بنا لصديق أو زميل؟");
        card = cardContent(customer);
        Map<String, Object> zero = box(customer, "#session-ended [data-score='0']");
        Map<String, Object> one = box(customer, "#session-ended [data-score='1']");
        assertTrue(Math.abs(num(card, "right") - num(zero, "right")) < 2 && num(one, "right") < num(zero, "x"),
                "the scale runs from the right: 0 " + zero + ", 1 " + one + " in " + card);
        screenshot(customer, "6-rating-ar");
        noHorizontalOverflow(customer, "the rating");
    }

    @Test
    void onTheFirmsSiteTandemsOwnUiMirrorsAndTheSitesPageDoesNot() {
        JsonPath created = newSession(ADVISOR, "Yousef Nasser");
        String id = created.getString("id");
        Page customer = pages.speaking("ar-EG");
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("html")).hasAttribute("dir", "rtl");
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Locator banner = customer.locator("[data-tandem-ui=banner]");
        assertThat(banner.locator(".who")).hasText("تتم مشاركة هذه الصفحة مع " + iso("Alice Archer"));
        assertThat(banner).hasAttribute("dir", "rtl");
        assertThat(banner).hasAttribute("lang", "ar");
        assertThat(customer.locator("[data-tandem-ui=draw-tools]")).hasAttribute("dir", "rtl");
        // the firm's page keeps its own language and direction
        assertEquals("en", customer.evaluate("() => document.documentElement.lang"));
        assertNotEquals("rtl", customer.evaluate("() => document.documentElement.getAttribute('dir')"));
        assertEquals("ltr", customer.evaluate("() => getComputedStyle(document.body).direction"));

        // the pill docks at the bottom right (its inline start), the drawing tools at the left edge (their inline end)
        int width = (Integer) customer.evaluate("() => window.innerWidth");
        Map<String, Object> pill = box(customer, "[data-tandem-ui=banner] .bar");
        assertTrue(Math.abs(width - num(pill, "right") - 16) < 2, "the pill sits 16 px from the right: " + pill);
        Map<String, Object> tools = box(customer, "[data-tandem-ui=draw-tools] .bar");
        assertTrue(Math.abs(num(tools, "x") - 12) < 2, "the drawing tools sit 12 px from the left: " + tools);
        screenshot(customer, "7-site-sharing-ar", false);
        noHorizontalOverflow(customer, "the site while sharing");

        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        assertThat(console.locator("html")).hasAttribute("lang", "en");
        // the advisor's mirror of the firm's page is not mirrored either
        assertEquals("ltr", console.evaluate("() => getComputedStyle(document.querySelector('#mirror iframe')"
                + ".contentDocument.documentElement).direction"));

        // the call tile docks at the bottom right too, its invitation's first answer at the right
        console.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(tile).hasAttribute("dir", "rtl");
        assertThat(tile.locator(".invite .accept").first()).hasText("الانضمام إلى المكالمة");
        Map<String, Object> tileBox = box(customer, "[data-tandem-ui=call] .tile");
        assertTrue(Math.abs(width - num(tileBox, "right") - 16) < 2, "the call tile sits 16 px from the right: "
                + tileBox);
        Map<String, Object> join = box(customer, "[data-tandem-ui=call] .invite .accept");
        Map<String, Object> notNow = box(customer, "[data-tandem-ui=call] .invite .decline");
        assertTrue(num(notNow, "right") < num(join, "x"), "\"not now\" is to the left of \"join\": " + notNow);
        screenshot(customer, "8-site-call-invitation-ar", false);
        noHorizontalOverflow(customer, "the call tile's invitation");
        tile.locator(".invite .decline").first().click();

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(rating).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        assertThat(customer.locator("[data-tandem-ui=rating] strong")).hasText("انتهت جلستك.");
        Map<String, Object> ratingCard = box(customer, "[data-tandem-ui=rating] .card");
        assertTrue(Math.abs(num(ratingCard, "x") - 16) < 2, "the rating card sits 16 px from the left: " + ratingCard);
        assertEquals("rtl", rating.locator("textarea").evaluate("(e) => getComputedStyle(e).direction"),
                "the comment (and its placeholder) is written right to left");
        Map<String, Object> closeButton = box(customer, "[data-tandem-ui=rating] .close");
        assertTrue(num(closeButton, "x") < num(ratingCard, "x") + 24, "its close button at its left: " + closeButton);
        screenshot(customer, "9-site-rating-ar", false);
        noHorizontalOverflow(customer, "the rating card on the site");

        // a visitor asks for help: the button at the bottom left, the code read left to right
        Page visitor = pages.speaking("ar");
        visitor.navigate(BASE + "/demo/");
        Locator help = visitor.locator("[data-tandem-ui=help] #help");
        assertThat(help).hasText("احصل على المساعدة");
        Map<String, Object> fab = box(visitor, "[data-tandem-ui=help] #help");
        assertTrue(Math.abs(num(fab, "x") - 20) < 2, "the help button sits 20 px from the left: " + fab);
        help.click();
        Locator code = visitor.locator("[data-tandem-ui=help] #code");
        assertThat(code).hasText(java.util.regex.Pattern.compile("[1-9][0-9]{2} [0-9]{3}"));
        assertEquals("ltr", code.evaluate("(e) => getComputedStyle(e).direction"), "the code reads left to right");
        Map<String, Object> panel = box(visitor, "[data-tandem-ui=help] #panel");
        double codeRight = ((Number) code.evaluate("(e) => { const r = document.createRange(); r.selectNodeContents(e);"
                + " return r.getBoundingClientRect().right; }")).doubleValue();
        assertTrue(num(panel, "right") - codeRight < 30,
                "and keeps to the panel's right: " + codeRight + " in " + panel);
        screenshot(visitor, "10-site-help-code-ar", false);
    }

    /**
     * A value as an Arabic sentence holds it: isolated (U+2068 … U+2069), so a left-to-right name or number keeps its
     * order (lib/i18n.js).
     */
    private static String iso(String value) {
        return "\u2068" + value + "\u2069";
    }
}
