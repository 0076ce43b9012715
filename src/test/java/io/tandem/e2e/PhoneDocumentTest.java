package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Axe;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import io.tandem.testing.TouchLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 4, the document viewer on a phone: a policy's A4 page (595 pt wide) is fitted to the width of a
 * 390×844 phone's viewer (nothing scrolls sideways, neither the page nor the document's box), drawn at the phone's
 * pixel ratio (3), fitted again when the phone turns on its side (844×390) and back, while the advisor's desktop
 * viewer keeps the page at its own size; the advisor's drawing on the page shows at the same fraction of the page on
 * the phone in both orientations, and the customer's stroke drawn with a finger on the fitted page shows on the same
 * spot of the advisor's. In each orientation, the viewer's targets take a finger and axe-core finds no serious or
 * critical violation.
 */
@QuarkusTest
class PhoneDocumentTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final String PHONE_PANEL = "#workspace-document";
    private static final String ADVISOR_PANEL = "#documents";
    private static final double A4_WIDTH = 595.28;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** The shown page's canvas and its box in the panel, the viewport and what scrolls sideways. */
    private static final String MEASURE = """
            (panel) => { const scroll = document.querySelector(panel + ' .doc-scroll');
              const canvas = scroll && scroll.querySelector('.doc-page canvas');
              if (!canvas) return null;
              const r = canvas.getBoundingClientRect(), s = scroll.getBoundingClientRect();
              const page = document.scrollingElement;
              return { cssWidth: r.width, cssHeight: r.height, backingWidth: canvas.width, left: r.left - s.left,
                room: scroll.clientWidth, boxScrollWidth: scroll.scrollWidth, boxClientWidth: scroll.clientWidth,
                pageScrollWidth: page.scrollWidth, pageClientWidth: page.clientWidth, viewport: innerWidth,
                ratio: devicePixelRatio }; }""";

    /** Whether the page is fitted to the panel's box: at least 90 % of its inner width and never more. */
    private static final String FITTED = "(panel) => { const m = (" + MEASURE + ")(panel);"
            + " return m !== null && m.cssWidth <= m.room && m.cssWidth >= 0.9 * m.room; }";

    private static final String DONE = "g[data-id][data-done]";

    /** The box of a drawn element in fractions of the shown page's box; null before it is drawn. */
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
    private static Map<String, Object> measure(Page page, String panel) {
        return (Map<String, Object>) page.evaluate(MEASURE, panel);
    }

    /** Asserts the phone's page is fitted to its viewer's width, with nothing scrolling sideways. */
    private static Map<String, Object> assertFitted(Page phone, String orientation) {
        PageConditions.until(phone, FITTED, PHONE_PANEL, Duration.ofSeconds(10),
                "the page fitted to the phone's viewer " + orientation);
        Map<String, Object> m = measure(phone, PHONE_PANEL);
        String what = orientation + ": " + m;
        assertTrue(num(m, "cssWidth") <= num(m, "viewport"), "the page is no wider than the screen, " + what);
        assertTrue(num(m, "cssWidth") >= 0.9 * num(m, "room"), "the page takes the viewer's width, " + what);
        assertTrue(num(m, "boxScrollWidth") <= num(m, "boxClientWidth"), "the viewer does not scroll sideways, "
                + what);
        assertTrue(num(m, "pageScrollWidth") <= num(m, "pageClientWidth"), "the page does not scroll sideways, "
                + what);
        assertTrue(num(m, "left") >= 0, "the page starts inside the viewer, " + what);
        // crisp: the canvas holds the screen's pixels (3 per CSS px), not CSS px
        assertEquals(3.0, num(m, "ratio"), what);
        assertEquals(num(m, "cssWidth") * 3, num(m, "backingWidth"), 3.0, "drawn at the pixel ratio, " + what);
        // and the viewer is usable there: 44 px targets, nothing covered or off the screen, no axe violation
        List<String> problems = new ArrayList<>(TouchLayout.problems(phone, null, (int) num(m, "viewport")));
        problems.addAll(Axe.seriousViolations(phone));
        assertEquals(List.of(), problems, orientation + ":\n" + String.join("\n", problems));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onPage(Page page, String panel, String selector) {
        PageConditions.until(page, "(a) => (" + ON_PAGE + ")(a) !== null", List.of(panel, selector),
                Duration.ofSeconds(5), selector + " drawn on the page in " + panel);
        return (Map<String, Object>) page.evaluate(ON_PAGE, List.of(panel, selector));
    }

    /** Asserts each named fraction of the page is within 3 % of the page of the expected one. */
    private static void near(Map<String, Object> actual, Map<String, Double> expected, String what) {
        expected.forEach((key, value) -> assertTrue(Math.abs(num(actual, key) - value) < 0.03,
                what + ": " + key + " expected about " + value + " of the page, got " + actual));
    }

    /** The client position of a fraction of the panel's shown page (scrolled into the window first). */
    private static double[] clientAt(Page page, String panel, double fx, double fy) {
        page.locator(panel + " .doc-scroll").scrollIntoViewIfNeeded();
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) page.evaluate("(panel) => { const r = document"
                + ".querySelector(panel + ' .doc-page').getBoundingClientRect(); return {x: r.left, y: r.top,"
                + " w: r.width, h: r.height}; }", panel);
        return new double[]{num(box, "x") + fx * num(box, "w"), num(box, "y") + fy * num(box, "h")};
    }

    /** A finger drawn across the screen through Chromium's touch input, resting at the end before it lifts. */
    private static void swipe(Page page, double[] from, double[] to) {
        CDPSession cdp = page.context().newCDPSession(page);
        int steps = 10;
        int rest = 4;
        for (int i = 0; i <= steps + rest + 1; i++) {
            JsonObject touch = new JsonObject();
            JsonArray points = new JsonArray();
            if (i <= steps + rest) {
                JsonObject point = new JsonObject();
                point.addProperty("x", from[0] + (to[0] - from[0]) * Math.min(i, steps) / steps);
                point.addProperty("y", from[1] + (to[1] - from[1]) * Math.min(i, steps) / steps);
                points.add(point);
            }
            touch.addProperty("type", i == 0 ? "touchStart" : i <= steps + rest ? "touchMove" : "touchEnd");
            touch.add("touchPoints", points);
            cdp.send("Input.dispatchTouchEvent", touch);
            Browsers.nextFrame(page);
        }
        cdp.detach();
    }

    @Test
    void aPolicyPageFitsThePhonesWidthInBothOrientationsAndTheAdvisorsDrawingStaysOnItsSpot() {
        String title = "Phone Fit " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR, title, 2, "Home", "2026-01");
        JsonPath created = newSession(ADVISOR, "Fitted Fay");
        Page phone = pages.phone();
        phone.navigate(created.getString("joinUrl"));
        assertThat(phone.locator("#accept")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        phone.locator("#accept").tap();
        assertThat(phone.locator("#continue")).isVisible();

        Page console = pages.sized(ADVISOR, 1280, 800);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.fill(ADVISOR_PANEL + " [data-doc=query]", title);
        console.click(ADVISOR_PANEL + " [data-doc=open][data-version='" + versionId + "']");
        assertThat(phone.locator(PHONE_PANEL + "[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        // upright: the page takes the phone viewer's width (about 356 px of the 390), not its own 595
        Map<String, Object> upright = assertFitted(phone, "upright (390×844)");
        assertTrue(num(upright, "cssWidth") < A4_WIDTH * 0.7, "fitted, not at its own size: " + upright);
        assertEquals("1", phone.locator(PHONE_PANEL).getAttribute("data-zoom"), "the fitted page is the 100 % view");

        // the advisor's desktop viewer keeps the page at its own size (zoom 1: 595 pt as 595 CSS px)
        PageConditions.until(console, "(panel) => { const m = (" + MEASURE + ")(panel); return m !== null; }",
                ADVISOR_PANEL, Duration.ofSeconds(10), "the advisor's page drawn");
        assertEquals(A4_WIDTH, num(measure(console, ADVISOR_PANEL), "cssWidth"), 1.0,
                "the advisor's page keeps its own size");

        // the advisor draws a box on the page: it lands on the same fraction of the phone's smaller page
        console.click(ADVISOR_PANEL + " [data-doc=tool][data-tool=rect]");
        double[] from = clientAt(console, ADVISOR_PANEL, 0.10, 0.20);
        double[] to = clientAt(console, ADVISOR_PANEL, 0.60, 0.35);
        console.mouse().move(from[0], from[1]);
        console.mouse().down();
        console.mouse().move(to[0], to[1], new Mouse.MoveOptions().setSteps(12));
        console.mouse().up();
        Map<String, Double> expected = Map.of("x0", 0.10, "y0", 0.20, "x1", 0.60, "y1", 0.35);
        near(onPage(console, ADVISOR_PANEL, DONE + " rect"), expected, "the advisor's own box");
        near(onPage(phone, PHONE_PANEL, DONE + " rect"), expected, "the box on the upright phone");

        // on its side: fitted again to the wider viewer, the box still on its spot
        phone.setViewportSize(844, 390);
        PageConditions.until(phone, "(panel) => { const m = (" + MEASURE + ")(panel); return m && m.cssWidth > "
                + (num(upright, "cssWidth") + 100) + "; }", PHONE_PANEL, Duration.ofSeconds(10),
                "the page drawn again for the wider viewer");
        Map<String, Object> side = assertFitted(phone, "on its side (844×390)");
        near(onPage(phone, PHONE_PANEL, DONE + " rect"), expected, "the box on the phone on its side");

        // upright again: as first fitted, the box on its spot
        phone.setViewportSize(390, 844);
        PageConditions.until(phone, "(panel) => { const m = (" + MEASURE + ")(panel); return m && m.cssWidth < "
                + (num(side, "cssWidth") - 100) + "; }", PHONE_PANEL, Duration.ofSeconds(10),
                "the page drawn again for the upright viewer");
        Map<String, Object> again = assertFitted(phone, "upright again");
        assertEquals(num(upright, "cssWidth"), num(again, "cssWidth"), 1.0, "fitted as before: " + again);
        near(onPage(phone, PHONE_PANEL, DONE + " rect"), expected, "the box on the phone upright again");

        // the customer draws on the fitted page with a finger: the advisor sees the stroke on the same spot
        phone.locator(PHONE_PANEL + " [data-doc=tool][data-tool=pen]").tap();
        assertThat(phone.locator(PHONE_PANEL + " [data-doc=tool][data-tool=pen]")).hasAttribute("aria-pressed",
                "true");
        swipe(phone, clientAt(phone, PHONE_PANEL, 0.20, 0.55), clientAt(phone, PHONE_PANEL, 0.70, 0.65));
        Map<String, Double> stroke = Map.of("x0", 0.20, "y0", 0.55, "x1", 0.70, "y1", 0.65);
        near(onPage(phone, PHONE_PANEL, DONE + " path"), stroke, "the customer's own stroke");
        near(onPage(console, ADVISOR_PANEL, DONE + " path"), stroke, "the customer's stroke on the advisor's page");
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
