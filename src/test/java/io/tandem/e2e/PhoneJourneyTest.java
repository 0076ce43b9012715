package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 4: a customer on a phone (390×844, touch, device scale factor 3) goes from the join link through
 * consent, a policy document, sharing the firm's site with its banner (stopped to the pill and shared again), the
 * advisor's drawing and pointer, their own
 * drawing and laser by touch, a control request, a video call and the rating, while the advisor works in the console
 * on a desktop (1280×800). At every step nothing scrolls sideways, every control is at least 44×44 px and axe-core
 * finds no serious or critical WCAG 2.0/2.1/2.2 A or AA violation on the phone's layout (problems are collected and
 * reported together); the console shows the phone's page upright, scaled to the mirror's height.
 */
@QuarkusTest
class PhoneJourneyTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;
    private static final Pattern LIVE = Pattern.compile("connected|relayed");

    private final BrowserPages pages = new BrowserPages();
    private final List<String> found = new ArrayList<>();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * Notes what makes this state hard to use on the phone: its touch layout, and axe-core's serious and critical
     * violations of WCAG 2.0/2.1/2.2 A and AA on the phone's layout; {@code scope}: tandem.js's UI only (null: all).
     */
    private void check(String state, Page phone, String scope) {
        for (String problem : TouchLayout.problems(phone, scope, WIDTH)) {
            found.add(state + ": " + problem);
        }
        for (String violation : Axe.seriousViolations(phone, scope == null ? "document" : scope)) {
            found.add(state + " (axe): " + violation);
        }
    }

    /**
     * A finger drawn across the screen through Chromium's touch input (touchstart, moves, touchend). It rests at the end
     * for a few frames before it lifts: lifted while moving it would fling, and a tap during a fling only stops it.
     */
    private static void swipe(Page page, double x0, double y0, double x1, double y1) {
        CDPSession cdp = page.context().newCDPSession(page);
        int steps = 10;
        int rest = 8;
        for (int i = 0; i <= steps + rest + 1; i++) {
            JsonObject touch = new JsonObject();
            String type = i == 0 ? "touchStart" : i <= steps + rest ? "touchMove" : "touchEnd";
            JsonArray points = new JsonArray();
            if (i <= steps + rest) {
                JsonObject point = new JsonObject();
                point.addProperty("x", x0 + (x1 - x0) * Math.min(i, steps) / steps);
                point.addProperty("y", y0 + (y1 - y0) * Math.min(i, steps) / steps);
                points.add(point);
            }
            touch.addProperty("type", type);
            touch.add("touchPoints", points);
            cdp.send("Input.dispatchTouchEvent", touch);
            Browsers.nextFrame(page);
        }
        cdp.detach();
    }

    /** What a finger at (x, y) touches, through open shadow roots, if it is not {@code el}: "" when it is. */
    private static final String OTHER_AT = """
            (el, [x, y]) => { let hit = document.elementFromPoint(x, y);
              while (hit && hit.shadowRoot) { const inner = hit.shadowRoot.elementFromPoint(x, y);
                if (!inner || inner === hit) break; hit = inner; }
              if (!hit || hit === el || el.contains(hit)) return '';
              const host = hit.getRootNode().host;
              return (host ? host.outerHTML.slice(0, 60) + ' > ' : '') + hit.outerHTML.slice(0, 120); }""";

    /** A finger on the middle of {@code target}, which must not be covered by anything there. */
    private static void tap(Locator target) {
        target.scrollIntoViewIfNeeded();
        BoundingBox box = target.boundingBox();
        double x = box.x + box.width / 2;
        double y = box.y + box.height / 2;
        assertEquals("", target.evaluate(OTHER_AT, List.of(x, y)), "a finger on " + target + " reaches it");
        target.page().touchscreen().tap(x, y);
    }

    @Test
    void aCustomerOnAPhoneGoesFromTheJoinLinkToTheRatingWithTheAdvisorOnADesktop() {
        String title = "Phone Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR, title, 2, "Home", "2026-01");
        JsonPath created = newSession(ADVISOR, "Mobile Mia");
        String id = created.getString("id");

        // join link and consent
        Page phone = pages.phone();
        phone.navigate(created.getString("joinUrl"));
        // the first page of the run (a cold browser and server) may take a while on a loaded machine
        assertThat(phone.locator("#accept")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        check("the consent page", phone, null);
        tap(phone.locator("#accept"));
        assertThat(phone.locator("#continue")).isVisible();
        check("the workspace", phone, null);

        // the advisor, on a desktop, shows a policy document: the phone's viewer
        Page console = pages.sized(ADVISOR, 1280, 800);
        console.navigate(BASE + "/console/?session=" + id);
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(phone.locator("#workspace-document .doc-page canvas")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        check("the document viewer", phone, null);
        console.click("#documents [data-doc=close]");
        assertThat(phone.locator("#workspace-document .doc-page canvas")).isHidden();

        // sharing the firm's site with the banner and the drawing tools
        tap(phone.locator("#continue"));
        phone.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(phone.locator("[data-tandem-ui=banner]")).hasCount(1);
        check("the firm's site with the sharing banner", phone, "[data-tandem-ui]");
        // Stop leaves the pill with Share again; sharing again brings the banner back
        tap(phone.locator("[data-tandem-ui=banner] button.stop"));
        assertThat(phone.locator("[data-tandem-ui=paused]")).isAttached();
        check("the pill after Stop", phone, "[data-tandem-ui]");
        tap(phone.locator("[data-tandem-ui=paused] button.share"));
        phone.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");
        assertThat(phone.locator("[data-tandem-ui=banner]")).hasCount(1);

        // the console shows the phone's page upright, as large as the mirror's height allows
        Locator title1 = console.frameLocator("#mirror iframe").locator("#hero-title");
        assertThat(title1).isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        PageConditions.until(console, "() => parseFloat(document.querySelector('#mirror .tandem-mirror-stage')"
                + ".style.width) === " + WIDTH, Duration.ofSeconds(10), "the mirror takes the phone's size");
        @SuppressWarnings("unchecked")
        Map<String, Object> g = (Map<String, Object>) console.evaluate("""
                () => { const panel = document.getElementById('mirror');
                  const stage = panel.querySelector('.tandem-mirror-stage');
                  const p = panel.getBoundingClientRect(), s = stage.getBoundingClientRect();
                  const f = stage.querySelector('iframe').getBoundingClientRect();
                  return { width: parseFloat(stage.style.width), height: parseFloat(stage.style.height),
                    panelWidth: panel.clientWidth, panelHeight: panel.clientHeight, left: s.left - p.left,
                    top: s.top - p.top, shownWidth: s.width, shownHeight: s.height, frameWidth: f.width,
                    frameHeight: f.height }; }""");
        String mirror = "the console's mirror of the phone: " + g;
        assertEquals(HEIGHT, num(g, "height"), mirror);
        assertEquals((double) WIDTH / HEIGHT, num(g, "shownWidth") / num(g, "shownHeight"), 0.01, mirror);
        assertEquals(num(g, "shownWidth"), num(g, "frameWidth"), 1.0, "the page fills the stage: " + mirror);
        assertEquals(num(g, "shownHeight"), num(g, "frameHeight"), 1.0, "the page fills the stage: " + mirror);
        assertTrue(num(g, "left") >= 0 && num(g, "top") >= 0
                && num(g, "left") + num(g, "shownWidth") <= num(g, "panelWidth") + 1
                && num(g, "top") + num(g, "shownHeight") <= num(g, "panelHeight") + 1, "not cropped: " + mirror);
        assertTrue(num(g, "shownHeight") >= num(g, "panelHeight") - 2, "scaled to the full height: " + mirror);

        // the advisor draws on the title and points: the phone shows both
        console.click("#annotate-tools [data-tool=pen]");
        BoundingBox box = title1.boundingBox();
        double y = box.y + box.height / 2;
        console.mouse().move(box.x + 2, y);
        console.mouse().down();
        for (int i = 1; i <= 8; i++) {
            console.mouse().move(box.x + 2 + i * box.width / 10, y);
            Browsers.nextFrame(console);
        }
        console.mouse().up();
        phone.waitForFunction("() => [...window.__tandem.annotations.model.annotations.values()]"
                + ".some((a) => a.done && a.author !== 'customer')"
                + " && window.__tandem.annotations.svg.querySelector('g[data-id]')");
        console.click("#annotate-tools [data-tool='']");
        for (int i = 0; i <= 4; i++) {
            console.mouse().move(box.x + i * 10, box.y + box.height + 20);
            Browsers.nextFrame(console);
        }
        phone.waitForFunction("() => window.__tandem.annotations.svg.querySelector('[data-pointer]')");

        // the customer taps (a ripple for the advisor), draws with a finger and points with the laser
        String drawTools = "[data-tandem-ui=draw-tools] ";
        tap(phone.locator("#hero-title"));
        console.waitForFunction("() => window.__tandemAnnotations.model.ripples.some((r) => r.author === 'customer')");
        BoundingBox hero = phone.locator("#hero-title").boundingBox();
        // a finger moved over the page with no tool scrolls it, as on any page
        swipe(phone, hero.x + 4, hero.y + hero.height + 200, hero.x + 4, hero.y + hero.height + 60);
        PageConditions.until(phone, "() => scrollY > 40", Duration.ofSeconds(5), "the swipe scrolls the page");
        phone.evaluate("() => scrollTo(0, 0)");
        tap(phone.locator(drawTools + "[data-tool=pen]"));
        assertThat(phone.locator(drawTools + "[data-tool=pen]")).hasAttribute("aria-pressed", "true");
        double scrolled = ((Number) phone.evaluate("() => scrollY")).doubleValue();
        swipe(phone, hero.x + 4, hero.y + hero.height / 2, hero.x + hero.width * 0.6, hero.y + hero.height / 2 + 40);
        console.waitForFunction("() => [...window.__tandemAnnotations.model.annotations.values()]"
                + ".some((a) => a.done && a.author === 'customer' && a.points.length > 3)");
        tap(phone.locator(drawTools + "[data-tool=laser]"));
        assertThat(phone.locator(drawTools + "[data-tool=laser]")).hasAttribute("aria-pressed", "true");
        swipe(phone, hero.x + 4, hero.y + hero.height + 60, hero.x + hero.width * 0.6, hero.y + hero.height + 200);
        console.waitForFunction("() => window.__tandemAnnotations.svg.querySelector('g[data-laser]')");
        assertEquals(scrolled, ((Number) phone.evaluate("() => scrollY")).doubleValue(), 1.0,
                "drawing and pointing do not scroll the page");
        tap(phone.locator(drawTools + "[data-tool='']"));
        check("the firm's site after drawing", phone, "[data-tandem-ui]");

        // control: the prompt, then the banner while the advisor controls
        console.click("#ctl-request");
        Locator prompt = phone.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(prompt).isVisible();
        check("the control prompt", phone, "[data-tandem-ui]");
        tap(phone.locator("[data-tandem-ui=control-consent] button[data-answer=page]"));
        assertThat(phone.locator("[data-tandem-ui=control-banner]")).isAttached();
        check("the banner while the advisor controls", phone, "[data-tandem-ui]");
        tap(phone.locator("[data-tandem-ui=control-banner] button"));
        assertThat(phone.locator("[data-tandem-ui=control-banner]")).hasCount(0);

        // a video call: the invitation, then the call tile
        console.click("#call .call-start");
        Locator tile = phone.locator("[data-tandem-ui=call]");
        assertThat(tile.locator(".accept").first()).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        check("the call invitation", phone, "[data-tandem-ui]");
        tap(tile.locator(".invite:not(.screen-ask) .accept"));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE,
                new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(tile.locator(".hangup")).isVisible();
        check("the call tile", phone, "[data-tandem-ui]");
        tap(tile.locator(".hangup"));
        assertThat(console.locator("#call")).not().hasAttribute("data-state", LIVE);

        // the session ends: the rating card
        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator card = phone.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(card).isVisible();
        check("the rating card", phone, "[data-tandem-ui]");
        tap(card.locator("[data-score='9']"));
        tap(card.locator(".send"));
        assertThat(card).hasAttribute("data-sent", "9");
        assertEquals(List.of(), found, String.join("\n", found));
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
