package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mirror-first console: one compact bar of named icon buttons with tooltips and shortcuts, and the customer's page
 * scaled to the largest size that fits the stage and centred; 1:1 with scrolling; following the customer's scrolling
 * or scrolling freely.
 */
@QuarkusTest
class MirrorFirstConsoleTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsAttachedOptions SLOW = new LocatorAssertions.IsAttachedOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** A customer at 1280×800 sharing the demo quote page, and the advisor's console at the given size. */
    private Page[] sharing(String name, int consoleWidth, int consoleHeight) {
        JsonPath created = newSession(TestTokens.advisor1(), name);
        Page customer = pages.sized(null, 1280, 800);
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        customer.navigate(BASE + "/demo/quote.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Page console = pages.sized(TestTokens.advisor1(), consoleWidth, consoleHeight);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#full-name")).isAttached(SLOW);
        return new Page[]{customer, console};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> geometry(Page console) {
        return (Map<String, Object>) console.evaluate("""
                () => {
                  const panel = document.getElementById('mirror');
                  const stage = panel.querySelector('.tandem-mirror-stage');
                  const p = panel.getBoundingClientRect();
                  const s = stage.getBoundingClientRect();
                  const width = parseFloat(stage.style.width), height = parseFloat(stage.style.height);
                  return { width, height, scale: parseFloat(panel.dataset.scale),
                    largest: Math.min(panel.clientWidth / width, panel.clientHeight / height),
                    panelWidth: panel.clientWidth, panelHeight: panel.clientHeight,
                    left: s.left - p.left - panel.clientLeft, right: p.right - panel.clientLeft - s.right,
                    top: s.top - p.top - panel.clientTop, bottom: p.bottom - panel.clientTop - s.bottom,
                    bar: document.getElementById('session-bar').getBoundingClientRect().height };
                }""");
    }

    private static double num(Map<String, Object> g, String key) {
        return ((Number) g.get(key)).doubleValue();
    }

    @ParameterizedTest
    @CsvSource({"1366, 768", "1920, 1080"})
    void theMirrorIsScaledToTheLargestSizeThatFitsTheStageAndCentred(int width, int height) {
        Page console = sharing("Fitting Fay " + width, width, height)[1];
        console.waitForFunction("() => parseFloat(document.querySelector('#mirror .tandem-mirror-stage').style.width)"
                + " === 1280");
        Map<String, Object> g = geometry(console);
        assertEquals(1280, num(g, "width"), "the customer's viewport width: " + g);
        assertEquals(800, num(g, "height"), "the customer's viewport height: " + g);
        double ratio = num(g, "scale") / num(g, "largest");
        assertTrue(ratio > 0.95 && ratio <= 1.001, "scale within 5 % of the largest that fits: " + g);
        // centred: the space left over is shared equally on both sides
        assertTrue(Math.abs(num(g, "left") - num(g, "right")) <= 2, "centred across: " + g);
        assertTrue(Math.abs(num(g, "top") - num(g, "bottom")) <= 2, "centred down: " + g);
        // the session's header, stage switch and tools are one compact bar
        assertTrue(num(g, "bar") <= 50, "one bar row: " + g);
        console.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots",
                "console-" + width + "x" + height + ".png")));
        System.out.printf(
                "Console %dx%d: mirror of a 1280x800 page at scale %.3f (largest that fits %.3f; stage %s x %s,"
                        + " bar %s px)%n",
                width, height, num(g, "scale"), num(g, "largest"), g.get("panelWidth"),
                g.get("panelHeight"), g.get("bar"));
    }

    @Test
    void everyToolHasANameATooltipAndAShortcutListedUnderQuestionMark() {
        Page console = sharing("Shortcut Sam", 1366, 768)[1];
        Locator buttons = console.locator("#session-bar button.icon");
        assertTrue(buttons.count() >= 16, "icon buttons in the bar");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> named = (List<Map<String, String>>) console.evaluate("""
                () => [...document.querySelectorAll('#session-bar button.icon')].map((b) => ({
                  id: b.id || b.dataset.tool, name: b.getAttribute('aria-label') || '', title: b.title || '',
                  key: b.getAttribute('aria-keyshortcuts') || '', svg: String(Boolean(b.querySelector('svg'))) }))""");
        for (Map<String, String> b : named) {
            assertTrue(!b.get("name").isBlank(), "an accessible name: " + b);
            assertTrue(b.get("title").contains("(" + b.get("key") + ")"), "a tooltip with its shortcut: " + b);
            assertTrue(!b.get("key").isEmpty(), "a keyboard shortcut: " + b);
            assertEquals("true", b.get("svg"), "an inline icon: " + b);
        }
        assertThat(console.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Pen"))).isVisible();

        // "?" lists the shortcuts with their names
        console.locator("body").press("?");
        Locator dialog = console.locator("#shortcuts-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog.locator("dd", new Locator.LocatorOptions().setHasText("Pen"))).hasCount(1);
        assertThat(dialog.locator("dt kbd", new Locator.LocatorOptions().setHasText("D"))).hasCount(1);
        console.click("#close-shortcuts");
        assertThat(dialog).isHidden();

        // a shortcut presses its button: D takes the pen, P goes back to pointing
        console.locator("body").press("d");
        assertThat(console.locator("#annotate-tools [data-tool=pen]")).hasAttribute("aria-pressed", "true");
        console.locator("body").press("p");
        assertThat(console.locator("#annotate-tools [data-tool='']")).hasAttribute("aria-pressed", "true");
    }

    @Test
    void theAdvisorSwitchesTo1to1WithScrollingAndScrollsFreelyOrFollowsTheCustomer() {
        Page[] both = sharing("Scrolling Sue", 1366, 768);
        Page customer = both[0];
        Page console = both[1];
        FrameLocator mirror = console.frameLocator("#mirror iframe");

        // 1:1 (V): scale 1, and the stage scrolls to show the rest of the customer's viewport
        console.locator("body").press("v");
        assertThat(console.locator("#view-actual")).hasAttribute("aria-pressed", "true");
        assertThat(console.locator("#mirror")).hasAttribute("data-scale", "1.000");
        assertTrue((Boolean) console.evaluate("() => { const p = document.getElementById('mirror');"
                + " return p.scrollHeight > p.clientHeight && getComputedStyle(p).overflow === 'auto'; }"),
                "the stage scrolls at 1:1");
        console.click("#view-actual");
        console.waitForFunction("() => parseFloat(document.getElementById('mirror').dataset.scale) < 1");

        // following (the default): the customer scrolls, the mirror follows
        customer.evaluate("() => window.scrollTo(0, 400)");
        console.waitForFunction("() => document.querySelector('#mirror iframe').contentWindow.scrollY === 400");

        // free: the customer's scrolling no longer moves the mirror, the advisor's wheel does
        console.click("#view-follow");
        assertThat(console.locator("#view-follow")).hasAttribute("aria-pressed", "false");
        BoundingBox panel = console.locator("#mirror").boundingBox();
        console.mouse().move(panel.x + panel.width / 2, panel.y + panel.height / 2);
        console.mouse().wheel(0, -300);
        console.waitForFunction("() => document.querySelector('#mirror iframe').contentWindow.scrollY < 400");
        double mine = ((Number) console.evaluate("() => document.querySelector('#mirror iframe').contentWindow"
                + ".scrollY")).doubleValue();
        customer.evaluate("() => window.scrollTo(0, 600)");
        // the customer's scroll has reached the console (the mirror shows a later change), but not its position
        customer.evaluate("() => { document.getElementById('full-name').value = 'after the scroll';"
                + " document.getElementById('full-name').dispatchEvent(new Event('input', {bubbles: true})); }");
        assertThat(mirror.locator("#full-name")).hasValue("after the scroll");
        assertEquals(mine, ((Number) console.evaluate("() => document.querySelector('#mirror iframe').contentWindow"
                + ".scrollY")).doubleValue(), "scrolling freely: the mirror stays where the advisor put it");
        assertTrue((Boolean) customer.evaluate("() => window.scrollY === 600"), "the customer's page is not moved");

        // following again: back to where the customer is
        console.locator("body").press("f");
        assertThat(console.locator("#view-follow")).hasAttribute("aria-pressed", "true");
        console.waitForFunction("() => document.querySelector('#mirror iframe').contentWindow.scrollY === 600");
    }
}
