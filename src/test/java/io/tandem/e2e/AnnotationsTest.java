package io.tandem.e2e;

import io.tandem.testing.Relays;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The advisor draws on the mirror and the customer sees it on their own page, anchored to the element it was drawn
 * on (it stays there when the customer scrolls); the laser fades; a late joiner gets the drawings; undo removes them.
 */
@QuarkusTest
class AnnotationsTest {

    private static final String BASE = CoBrowsingTest.BASE;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** The customer sharing the demo site and the advisor's console on that session, the mirror showing the title. */
    private Page[] sharing(String name) {
        JsonPath created = newSession(TestTokens.advisor1(), name);
        Page customer = pages.customerSharing(created);
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        console.waitForFunction("() => window.__tandemAnnotations");
        return new Page[]{customer, console};
    }

    /** Where the stroke sits relative to the hero title on the customer's page, or null before it arrived. */
    private static final String STROKE_VS_TITLE = """
            () => {
              const layer = window.__tandem && window.__tandem.annotations;
              const g = layer && layer.svg.querySelector('g[data-id]');
              const done = layer && [...layer.model.annotations.values()].every((a) => a.done);
              if (!g || !done) return null;
              const s = g.getBoundingClientRect();
              const e = document.getElementById('hero-title').getBoundingClientRect();
              return {dx: s.left - e.left, dy: s.top - e.top, w: s.width, h: s.height, titleTop: e.top,
                titleHeight: e.height, titleWidth: e.width};
            }""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stroke(Page customer) {
        customer.waitForFunction("() => (" + STROKE_VS_TITLE + ")() !== null",
                null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        return (Map<String, Object>) customer.evaluate(STROKE_VS_TITLE);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void aStrokeOnTheMirrorLandsOnTheCustomersElementAndStaysThereWhenTheyScroll() {
        Page[] both = sharing("Drawing Dora");
        Page customer = both[0];
        Page console = both[1];
        var title = console.frameLocator("#mirror iframe").locator("#hero-title");

        // the advisor draws a line along the title on the (scaled) mirror
        console.click("#annotate-tools [data-tool=pen]");
        BoundingBox box = title.boundingBox();
        double y = box.y + box.height / 2;
        console.mouse().move(box.x + 4, y);
        console.mouse().down();
        for (int i = 1; i <= 12; i++) {
            console.mouse().move(box.x + 4 + i * (box.width / 3) / 12, y + (i % 2));
            Browsers.nextFrame(console);
        }
        console.mouse().up();

        Map<String, Object> before = stroke(customer);
        assertTrue(num(before, "dx") > -12 && num(before, "dx") < 40, "starts at the title's left edge: " + before);
        assertTrue(num(before, "dy") > -12 && num(before, "dy") < num(before, "titleHeight"),
                "drawn across the title: " + before);
        assertTrue(num(before, "w") > num(before, "titleWidth") / 5, "a third of the title long: " + before);

        // the customer scrolls: the stroke moves with the title
        customer.evaluate("() => window.scrollBy(0, 160)");
        // the scroll event comes with the next frame, and the layer redraws in the frame's callbacks after ours
        Browsers.nextFrame(customer);
        Browsers.nextFrame(customer);
        Map<String, Object> after = stroke(customer);
        assertTrue(num(before, "titleTop") - num(after, "titleTop") > 100, "the page scrolled: " + after);
        assertEquals(num(before, "dx"), num(after, "dx"), 2.0, "same place on the title after scrolling");
        assertEquals(num(before, "dy"), num(after, "dy"), 2.0, "same place on the title after scrolling");

        // a late joiner (a supervisor watching) gets the drawing with the page
        Page watcher = pages.staff(TestTokens.supervisor1());
        watcher.navigate(console.url());
        watcher.waitForFunction("() => window.__tandemAnnotations && window.__tandemAnnotations.model.annotations.size"
                + " === 1", null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        // the advisor sees who is watching; the customer's page does not
        assertThat(console.locator("#supervisor-watching")).hasText("Sam Supervisor watching");
        assertEquals(false, customer.evaluate("() => [...window.__tandem.annotations.model.people.values()]"
                + ".some((p) => p.role === 'supervisor')"));
        // silently: no tools, and moving the mouse over the mirror sends nothing (else the relay closes with 4403)
        assertThat(watcher.locator("#annotate-tools")).isHidden();
        assertThat(watcher.locator("#control-tools")).isHidden();
        BoundingBox mirror = watcher.locator("#mirror").boundingBox();
        for (int i = 0; i < 10; i++) {
            watcher.mouse().click(mirror.x + 20 + i * 30, mirror.y + 40 + i * 10);
        }
        Relays.settle(watcher); // had it sent anything, the relay would have closed its socket by now
        assertEquals("open", watcher.evaluate("() => document.body.dataset.relay"));
        assertEquals(null, watcher.evaluate("() => document.body.dataset.relayClose || null"));

        // the supervisor leaves; the session goes on
        watcher.context().close();
        assertThat(console.locator("#supervisor-watching")).isHidden();
        assertEquals("open", console.evaluate("() => document.body.dataset.relay"));

        // undo takes it away on the customer's page
        console.click("#ann-undo");
        // the layer redraws in an animation frame after the model changed: wait for both
        customer.waitForFunction("() => window.__tandem.annotations.model.annotations.size === 0"
                + " && window.__tandem.annotations.svg.querySelectorAll('g[data-id]').length === 0");
    }

    @Test
    void theLaserTrailAndTheAdvisorsPointerShowOnTheCustomersPageAndTheTrailFades() {
        Page[] both = sharing("Laser Lou");
        Page customer = both[0];
        Page console = both[1];
        var title = console.frameLocator("#mirror iframe").locator("#hero-title");

        console.click("#annotate-tools [data-tool=laser]");
        BoundingBox box = title.boundingBox();
        for (int i = 0; i <= 15; i++) {
            console.mouse().move(box.x + i * box.width / 20, box.y + box.height / 2);
            Browsers.nextFrame(console);
        }
        customer.waitForFunction("() => window.__tandem.annotations"
                + " && window.__tandem.annotations.svg.querySelector('g[data-laser]')");
        assertTrue((Boolean) customer.evaluate(
                "() => Boolean(window.__tandem.annotations.svg.querySelector('[data-pointer]'))"),
                "the advisor's pointer is shown with the trail");
        long shown = System.currentTimeMillis();
        customer.waitForFunction("() => !window.__tandem.annotations.svg.querySelector('g[data-laser]')", null,
                new Page.WaitForFunctionOptions().setTimeout(5000));
        long faded = System.currentTimeMillis() - shown;
        assertTrue(faded > 1000 && faded < 4000, "the trail fades in about 2 s: " + faded + " ms");
    }

    @Test
    void theCustomerDrawsOnTheirPageAndTheAdvisorSeesItOnTheSameElementOfTheMirror() {
        Page[] both = sharing("Sketching Sid");
        Page customer = both[0];
        Page console = both[1];
        // the customer's click ripples on the advisor's side
        customer.locator("#hero-title").click();
        console.waitForFunction("() => window.__tandemAnnotations.model.ripples.some((r) => r.author === 'customer')",
                null, new Page.WaitForFunctionOptions().setTimeout(5000));
        customer.locator("[data-tandem-ui=draw-tools] [data-tool=rect]").click();
        BoundingBox title = customer.locator("#hero-title").boundingBox();
        customer.mouse().move(title.x + 2, title.y + 2);
        customer.mouse().down();
        for (int i = 1; i <= 8; i++) {
            customer.mouse().move(title.x + 2 + i * title.width / 16, title.y + 2 + i * title.height / 8);
            Browsers.nextFrame(customer);
        }
        customer.mouse().up();

        console.waitForFunction(
                "() => { const l = window.__tandemAnnotations; return l && l.model.annotations.size === 1"
                        + " && [...l.model.annotations.values()].every((a) => a.done && a.author === 'customer'); }",
                null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        console.waitForFunction("() => window.__tandemAnnotations.svg.querySelector('g[data-id]')");
        @SuppressWarnings("unchecked")
        Map<String, Object> shape = (Map<String, Object>) console.evaluate("""
                () => {
                  const g = window.__tandemAnnotations.svg.querySelector('g[data-id]').getBoundingClientRect();
                  const frame = document.querySelector('#mirror iframe').getBoundingClientRect();
                  const scale = Number(document.getElementById('mirror').dataset.scale);
                  const t = document.querySelector('#mirror iframe').contentDocument
                      .getElementById('hero-title').getBoundingClientRect();
                  return {dx: g.left - (frame.left + t.left * scale), dy: g.top - (frame.top + t.top * scale),
                    w: g.width, tw: t.width * scale};
                }""");
        assertTrue(Math.abs(num(shape, "dx")) < 12 && Math.abs(num(shape, "dy")) < 12,
                "the box starts at the title's corner on the mirror: " + shape);
        assertTrue(num(shape, "w") > num(shape, "tw") / 3 && num(shape, "w") < num(shape, "tw"),
                "half the title wide, scaled like the mirror: " + shape);
    }
}
