package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PdfFixtures;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The advisor opens a 3-page policy PDF (made here with PDFBox) on the shared viewer; the customer's viewer follows
 * page and zoom within a second, sees the advisor's highlight over the same words, presents after a handover, and
 * the session's touchpoint lists the document with the pages shown.
 */
@QuarkusTest
class DocumentCoViewingTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** Where the first highlight on this page sits relative to the words "Clause 2.1", or null before it is drawn. */
    private static final String HIGHLIGHT_VS_CLAUSE = """
            (panel) => {
              const mark = document.querySelector(panel + ' .doc-highlight');
              const span = [...document.querySelectorAll(panel + ' .textLayer span')]
                  .find((s) => s.textContent.includes('Clause 2.1'));
              if (!mark || !span) return null;
              const m = mark.getBoundingClientRect();
              const s = span.getBoundingClientRect();
              return {cx: (m.left + m.width / 2 - s.left) / s.width, cy: (m.top + m.height / 2 - s.top) / s.height,
                  w: m.width / s.width};
            }""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> highlight(Page page, String panel) {
        page.waitForFunction("(panel) => (" + HIGHLIGHT_VS_CLAUSE + ")(panel) !== null", panel,
                new Page.WaitForFunctionOptions().setTimeout(5_000));
        return (Map<String, Object>) page.evaluate(HIGHLIGHT_VS_CLAUSE, panel);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** Waits (at most a second, as required) until the panel shows this page and zoom. */
    private static void showsWithinASecond(Page page, String panel, int pageNumber, String zoom) {
        page.waitForFunction("([panel, p, z]) => { const d = document.querySelector(panel).dataset;"
                + " return d.page === p && d.zoom === z; }", List.of(panel, String.valueOf(pageNumber), zoom),
                new Page.WaitForFunctionOptions().setTimeout(1_000));
    }

    @Test
    void theCustomerFollowsPageZoomAndHighlightsThenPresentsAndTheTouchpointListsThePagesShown() {
        String title = "Home Cover " + UUID.randomUUID().toString().substring(0, 8);
        JsonPath version = given().auth().oauth2(ADVISOR1).contentType("application/pdf")
                .body(PdfFixtures.policy(title, 3)).queryParam("title", title).queryParam("productLine", "Home")
                .queryParam("version", "2026-01").queryParam("language", "en").post("/api/documents").then()
                .statusCode(201).extract().jsonPath();
        String versionId = version.getString("id");
        JsonPath created = newSession(ADVISOR1, "Policy Paula");
        String sessionId = created.getString("id");

        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        assertThat(customer.locator("#joined")).isVisible();
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + sessionId);

        // the advisor finds the policy in the library and opens it on the shared viewer
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        String advisorPanel = "#documents";
        String customerPanel = "#workspace-document";
        assertThat(customer.locator(customerPanel + "[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertThat(customer.locator(customerPanel + " .doc-page canvas")).isVisible();
        assertThat(customer.locator(customerPanel + " [data-doc=status]")).hasText("Alice Archer is presenting");
        assertThat(console.locator("#mirror")).isHidden(); // the document took the live page's place

        // page and zoom follow within a second
        console.click(advisorPanel + " [data-doc=next]");
        showsWithinASecond(customer, customerPanel, 2, "1");
        console.click(advisorPanel + " [data-doc=zoom-in]");
        showsWithinASecond(customer, customerPanel, 2, "1.25");

        // the advisor highlights "Clause 2.1 …" on page 2: the customer sees it over the same words
        console.click(advisorPanel + " [data-doc=highlight]");
        console.waitForFunction("() => [...document.querySelectorAll('#documents .textLayer span')]"
                + ".some((s) => s.textContent.includes('Clause 2.1'))");
        console.evaluate("""
                () => {
                  const span = [...document.querySelectorAll('#documents .textLayer span')]
                      .find((s) => s.textContent.includes('Clause 2.1'));
                  const range = document.createRange();
                  range.selectNodeContents(span);
                  getSelection().removeAllRanges();
                  getSelection().addRange(range);
                  span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                }""");
        Map<String, Object> mine = highlight(console, advisorPanel);
        Map<String, Object> theirs = highlight(customer, customerPanel);
        for (Map<String, Object> h : List.of(mine, theirs)) {
            assertTrue(num(h, "cx") > 0.3 && num(h, "cx") < 0.7, "centred on the clause's words: " + h);
            assertTrue(num(h, "cy") > 0.1 && num(h, "cy") < 0.9, "on the clause's line: " + h);
            assertTrue(num(h, "w") > 0.8 && num(h, "w") < 1.2, "as wide as the words: " + h);
        }

        // the advisor hands presenting to the customer, who now leads
        console.click(advisorPanel + " [data-doc=hand-over]");
        assertThat(customer.locator(customerPanel + " [data-doc=status]")).hasText("You are presenting");
        customer.click(customerPanel + " [data-doc=next]");
        showsWithinASecond(console, advisorPanel, 3, "1.25");
        assertThat(console.locator(advisorPanel + " [data-doc=status]")).hasText("Policy Paula is presenting");
        // the advisor takes it back and leads again
        console.click(advisorPanel + " [data-doc=take-back]");
        assertThat(customer.locator(customerPanel + " [data-doc=status]")).hasText("Alice Archer is presenting");
        console.click(advisorPanel + " [data-doc=zoom-out]");
        showsWithinASecond(customer, customerPanel, 3, "1");

        // a forged sign-off frame (never stored) shows nothing in the console
        customer.evaluate("() => window.__tandemRelays.at(-1).sendReliable('doc.ack',"
                + " JSON.stringify({id: '00000000-0000-4000-8000-000000000001', versionId: '" + versionId + "',"
                + " clause: '9.9', name: 'Forged Fred', sha256: 'f0f0f0f0f0f0f0f0', at: new Date().toISOString()}))");
        // the customer signs off a clause; the advisor sees it with the document's hash
        customer.click(customerPanel + " [data-doc=sign-off]");
        customer.fill(customerPanel + " [data-doc=clause]", "2.1");
        customer.fill(customerPanel + " [data-doc=name]", "Policy Paula");
        customer.click(customerPanel + " [data-doc=sign]");
        assertThat(console.locator(advisorPanel + " [data-doc=acks] li")).containsText(
                "Policy Paula signed: I have read clause 2.1 (SHA-256 " + version.getString("sha256").substring(0, 12));
        // sign-offs are confirmed in the order they were announced: the forged one was dealt with before
        assertThat(console.locator(advisorPanel + " [data-doc=acks] li")).hasCount(1);

        // back to the live page on both sides
        console.click(advisorPanel + " [data-doc=close]");
        assertThat(customer.locator(customerPanel)).hasAttribute("data-state", "closed");

        // the touchpoint lists the document version and the pages shown
        JsonPath activity = Poll.until(Duration.ofSeconds(10),
                () -> as(ADVISOR1).get("/api/sessions/" + sessionId + "/documents/activity").then().statusCode(200)
                        .extract().jsonPath(),
                a -> !a.getList("viewed").isEmpty() && a.getList("viewed[0].pages").size() == 3,
                "the activity lists the three pages shown");
        assertEquals(versionId, activity.getString("viewed[0].versionId"));
        assertEquals(title, activity.getString("viewed[0].title"));
        assertEquals(List.of(1, 2, 3), activity.getList("viewed[0].pages"));
        assertEquals("Policy Paula", activity.getString("acknowledgements[0].name"));
    }

    /**
     * The box of the first drawn element matching `selector` inside a panel's annotation overlay, in fractions of the
     * shown page's box (0..1 of the page whatever the zoom), with the page number shown; null before it is drawn.
     * Drawings are matched as {@link #DONE}: one still arriving (its last points on the way) is drawn shorter.
     */
    private static final String DONE = "g[data-id][data-done]";

    private static final String ON_PAGE = """
            ([panel, selector]) => {
              const page = document.querySelector(panel + ' .doc-page');
              const shape = page && page.querySelector('.tandem-annotations ' + selector);
              if (!shape) return null;
              const p = page.getBoundingClientRect();
              const r = shape.getBoundingClientRect();
              return {page: Number(page.dataset.page), x0: (r.left - p.left) / p.width, y0: (r.top - p.top) / p.height,
                  x1: (r.right - p.left) / p.width, y1: (r.bottom - p.top) / p.height,
                  cx: (r.left + r.width / 2 - p.left) / p.width, cy: (r.top + r.height / 2 - p.top) / p.height};
            }""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onPage(Page page, String panel, String selector) {
        page.waitForFunction("(a) => (" + ON_PAGE + ")(a) !== null", List.of(panel, selector),
                new Page.WaitForFunctionOptions().setTimeout(5_000));
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

    /** Drags the mouse from one page fraction to another in small steps (a pen stroke or a shape). */
    private static void drag(Page page, String panel, double fx0, double fy0, double fx1, double fy1) {
        double[] from = clientAt(page, panel, fx0, fy0);
        double[] to = clientAt(page, panel, fx1, fy1);
        page.mouse().move(from[0], from[1]);
        page.mouse().down();
        page.mouse().move(to[0], to[1], new Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    @Test
    void penBoxAndPointersStayOnTheSameSpotOfThePageAtAnyZoomAndFollowMeSnapsTheCustomerBack() {
        String title = "Motor Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR1, title, 3, "Motor", "3");
        for (int i = 1; i <= 4; i++) { // a library of several: the console lists them all before a search
            given().auth().oauth2(ADVISOR1).contentType("application/pdf").body(PdfFixtures.policy("Filler", 1))
                    .queryParam("title", "Filler " + UUID.randomUUID()).queryParam("productLine", "Filler")
                    .queryParam("version", "1").queryParam("language", "en").post("/api/documents").then()
                    .statusCode(201);
        }
        JsonPath created = newSession(ADVISOR1, "Drawing Dora");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        // the library's results float over the stage: choosing a document does not push the live page down
        assertThat(console.locator("body[data-relay=open]")).isAttached();
        console.waitForFunction("() => document.querySelectorAll('#documents [data-doc=open]').length >= 5");
        String mirrorTop = "() => Math.round(document.getElementById('mirror').getBoundingClientRect().top)";
        Object before = console.evaluate(mirrorTop);
        console.fill("#documents [data-doc=query]", title);
        Locator choice = console.locator("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(console.locator("#documents [data-doc=open]")).hasCount(1); // 5 or more before
        assertThat(choice).isVisible();
        assertEquals(before, console.evaluate(mirrorTop), "the mirror stays where it was");
        choice.click();
        assertThat(console.locator("#documents [data-doc=results]")).isHidden();
        String advisorPanel = "#documents";
        String customerPanel = "#workspace-document";
        assertThat(customer.locator(customerPanel + "[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        console.click(advisorPanel + " [data-doc=next]");
        showsWithinASecond(customer, customerPanel, 2, "1");

        // the advisor draws a pen stroke and a box on page 2
        console.click(advisorPanel + " [data-doc=tool][data-tool=pen]");
        drag(console, advisorPanel, 0.20, 0.20, 0.50, 0.30);
        console.click(advisorPanel + " [data-doc=tool][data-tool=rect]");
        drag(console, advisorPanel, 0.30, 0.35, 0.60, 0.45);
        Map<String, Double> pen = Map.of("x0", 0.20, "y0", 0.20, "x1", 0.50, "y1", 0.30);
        Map<String, Double> box = Map.of("x0", 0.30, "y0", 0.35, "x1", 0.60, "y1", 0.45);
        near(onPage(console, advisorPanel, DONE + " path"), pen, "the advisor's own stroke");
        near(onPage(console, advisorPanel, DONE + " rect"), box, "the advisor's own box");

        // the customer sees both at the same place of page 2 (in the page's fractions, their window is another size)
        Map<String, Object> stroke = onPage(customer, customerPanel, DONE + " path");
        assertEquals(2, ((Number) stroke.get("page")).intValue());
        near(stroke, pen, "the stroke on the customer's page");
        near(onPage(customer, customerPanel, DONE + " rect"), box, "the box on the customer's page");

        // the customer zooms in on their own: the page is drawn larger (1.25 times its width at 100 %, which is fitted
        // to the customer's viewer), the drawings stay on the same spot of it
        double fitted = ((Number) customer.evaluate("(panel) => document.querySelector(panel + ' .doc-page')"
                + ".getBoundingClientRect().width", customerPanel)).doubleValue();
        customer.click(customerPanel + " [data-doc=zoom-in]");
        customer.waitForFunction("([panel, fitted]) => { const p = document.querySelector(panel + ' .doc-page');"
                + " return p && Math.abs(p.getBoundingClientRect().width - 1.25 * fitted) < 2"
                + " && p.querySelector('.tandem-annotations g[data-id][data-done] rect'); }",
                List.of(customerPanel, fitted), new Page.WaitForFunctionOptions().setTimeout(5_000));
        assertEquals("false", customer.locator(customerPanel).getAttribute("data-following"));
        near(onPage(customer, customerPanel, DONE + " path"), pen, "the stroke after zooming");
        near(onPage(customer, customerPanel, DONE + " rect"), box, "the box after zooming");

        // both pointers: the advisor's over the customer's page, the customer's over the advisor's
        console.click(advisorPanel + " [data-doc=tool][data-tool='']");
        double[] advisorAt = clientAt(console, advisorPanel, 0.70, 0.25);
        console.mouse().move(advisorAt[0] - 5, advisorAt[1] - 5);
        console.mouse().move(advisorAt[0], advisorAt[1], new Mouse.MoveOptions().setSteps(3));
        customer.waitForFunction("([panel, selector]) => { const a = (" + ON_PAGE + ")([panel, selector]);"
                + " return a && Math.abs(a.cx - 0.7) < 0.03 && Math.abs(a.cy - 0.25) < 0.03; }",
                List.of(customerPanel, "g[data-pointer] circle"), new Page.WaitForFunctionOptions().setTimeout(5_000));
        double[] customerAt = clientAt(customer, customerPanel, 0.40, 0.15);
        customer.mouse().move(customerAt[0] - 5, customerAt[1] - 5);
        customer.mouse().move(customerAt[0], customerAt[1],
                new Mouse.MoveOptions().setSteps(3));
        console.waitForFunction("([panel, selector]) => { const a = (" + ON_PAGE + ")([panel, selector]);"
                + " return a && Math.abs(a.cx - 0.4) < 0.03 && Math.abs(a.cy - 0.15) < 0.03; }",
                List.of(advisorPanel, "g[data-pointer='customer'] circle"),
                new Page.WaitForFunctionOptions().setTimeout(5_000));

        // the customer pages away on their own; "Follow me" brings them back to page 2 at 100 % within a second
        customer.click(customerPanel + " [data-doc=next]");
        assertThat(customer.locator(customerPanel)).hasAttribute("data-page", "3");
        assertThat(customer.locator(customerPanel + " .tandem-annotations g[data-id]")).hasCount(0); // page 2's
        console.click(advisorPanel + " [data-doc=follow]");
        showsWithinASecond(customer, customerPanel, 2, "1");
        assertEquals("true", customer.locator(customerPanel).getAttribute("data-following"));
        near(onPage(customer, customerPanel, DONE + " rect"), box, "the box after following again");
    }

    @Test
    void anHtmlPolicyIsShownSanitisedInAFrameThatRunsNoScriptAndItsScrollFollowsThePresenter() {
        String title = "Travel Terms " + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>" + title + "</title></head><body>"
                + "<h1 onclick=\"window.parent.__pwned = 1\">Travel terms</h1>"
                + "<script>window.parent.__pwned = 2</script><img src=x onerror=\"window.parent.__pwned = 3\">");
        for (int i = 1; i <= 80; i++) {
            html.append("<p id=\"c").append(i).append("\">Clause ").append(i).append(": luggage is covered.</p>");
        }
        html.append("</body></html>");
        String versionId = given().auth().oauth2(ADVISOR1).contentType("text/html").body(html.toString())
                .queryParam("title", title).queryParam("productLine", "Travel").queryParam("version", "7")
                .queryParam("language", "en").post("/api/documents").then().statusCode(201).extract().path("id");
        JsonPath created = newSession(ADVISOR1, "Travel Tom");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");

        Locator frame = customer.locator("#workspace-document iframe.doc-html");
        assertThat(customer.locator("#workspace-document[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertEquals("allow-same-origin", frame.getAttribute("sandbox"));
        assertThat(customer.frameLocator("#workspace-document iframe.doc-html").locator("#c40"))
                .hasText("Clause 40: luggage is covered.");
        // the advisor scrolls half-way: the customer's frame follows
        console.evaluate("() => { const d = document.querySelector('#documents iframe.doc-html').contentDocument;"
                + " d.scrollingElement.scrollTop = (d.scrollingElement.scrollHeight - d.scrollingElement.clientHeight)"
                + " / 2; }");
        customer.waitForFunction("() => { const d = document.querySelector('#workspace-document iframe.doc-html')"
                + ".contentDocument.scrollingElement; const f = d.scrollTop / (d.scrollHeight - d.clientHeight);"
                + " return f > 0.45 && f < 0.55; }", null, new Page.WaitForFunctionOptions().setTimeout(1_000));
        // the click reaches the heading (a listener of this page sees it after the heading's own handler would have
        // run), and its onclick does not run
        customer.evaluate("() => document.querySelector('#workspace-document iframe.doc-html').contentDocument"
                + ".addEventListener('click', () => { window.__clickSeen = true; })");
        customer.frameLocator("#workspace-document iframe.doc-html").locator("h1").click(
                new Locator.ClickOptions().setForce(true));
        customer.waitForFunction("() => window.__clickSeen === true", null,
                new Page.WaitForFunctionOptions().setTimeout(5_000));
        assertEquals(null, customer.evaluate("() => window.__pwned ?? null"));
        assertEquals(null, console.evaluate("() => window.__pwned ?? null"));
    }

    @Test
    void aCustomerOnTheFirmsSiteIsOfferedTheDocumentAndReadsItInTheWorkspace() {
        String title = "Life Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR1, title, 2, "Life", "1");
        JsonPath created = newSession(ADVISOR1, "Site Sarah");
        Page customer = pages.customerSharing(created);
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        Locator prompt = customer.locator("[data-tandem-ui=document-prompt] button");
        assertThat(prompt).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(5_000));
        prompt.click();
        customer.waitForURL(url -> url.startsWith(BASE + "/join"));
        assertThat(customer.locator("#workspace-document[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertThat(customer.locator("#workspace-document [data-doc=page]")).hasText("Page 1 of 2");
    }
}
