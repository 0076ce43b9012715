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
import io.tandem.testing.Browsers;
import io.tandem.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the advisor is told about each remote-control action: the latest result replaces the last, in a sentence that
 * tells a masked field, an element the site keeps from remote control, a button only the customer may press and an
 * element that is gone apart; the mirror's list of a select's options opens within view.
 */
@QuarkusTest
class ControlFeedbackTest {

    private static final String BASE = CoBrowsingTest.BASE;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** Clicks an element of the mirror once the customer has scrolled it to `block` and the mirror shows it still. */
    private static void clickInMirror(Page console, Locator element, Locator onCustomersPage, String block) {
        // "end": just above the bottom edge of the customer's viewport
        onCustomersPage.evaluate("(el, block) => { el.scrollIntoView({block}); if (block === 'end') window.scrollBy(0,"
                + " 30); }", block);
        Locator panel = console.locator("#mirror");
        double[] last = {-1};
        console.waitForCondition(() -> {
            BoundingBox box = element.boundingBox();
            BoundingBox view = panel.boundingBox();
            boolean still = box != null && box.y == last[0];
            last[0] = box == null ? -1 : box.y;
            Browsers.nextFrame(console);
            return still && box.y > view.y && box.y + box.height < view.y + view.height;
        }, new Page.WaitForConditionOptions().setTimeout(5000));
        BoundingBox box = element.boundingBox();
        console.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
    }

    private static void says(Page console, String result, String sentence) {
        Locator status = console.locator("#ctl-status");
        assertThat(status).hasAttribute("data-last-result", result);
        assertThat(status).hasText(sentence);
    }

    @Test
    void eachResultReplacesTheLastInASentenceThatSaysWhatHappened() {
        JsonPath created = newSession(TestTokens.advisor1(), "Feedback Fern");
        Page customer = pages.customerSharing(created);
        customer.navigate(BASE + "/demo/quote.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Page console = pages.sized(TestTokens.advisor1(), 1366, 768);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        FrameLocator mirror = console.frameLocator("#mirror iframe");
        assertThat(mirror.locator("#accept-terms")).isAttached(new LocatorAssertions.IsAttachedOptions()
                .setTimeout(10_000));
        console.click("#ctl-request");
        customer.locator("[data-tandem-ui=control-consent] [role=alertdialog] button[data-answer=page]").click();
        assertThat(console.locator("#ctl-status")).hasAttribute("data-state", "granted");

        // masked: private to the customer
        clickInMirror(console, mirror.locator("#ni-number"), customer.locator("#ni-number"), "center");
        says(console, "protected", "That part of the page is masked: it is private to the customer, so you cannot"
                + " click or type there.");

        // a success replaces the refusal
        clickInMirror(console, mirror.locator("#accept-terms"), customer.locator("#accept-terms"), "center");
        says(console, "ok", "Clicked on the customer’s page.");
        assertEquals(true, customer.evaluate("() => document.getElementById('accept-terms').checked"));

        // data-tandem-no-control: the site keeps it from remote control (not "private")
        clickInMirror(console, mirror.locator("#pay-button"), customer.locator("#pay-button"), "center");
        says(console, "no-control", "The site does not allow remote control of that element: only the customer can"
                + " use it.");

        // data-tandem-confirm: the customer's own click
        clickInMirror(console, mirror.locator("#get-quote"), customer.locator("#get-quote"), "center");
        says(console, "needs-confirm", "That button needs the customer’s own click: it is highlighted on their page"
                + " for them to press.");

        // an element the customer's page no longer has
        console.evaluate("() => window.__tandemControlDriver.action('click', {node: 987654321, x: 1, y: 1})");
        says(console, "not-found", "That element is no longer on the customer’s page. Try again on what the mirror"
                + " shows now.");

        // the select's list opens within view, even for a select at the bottom of the stage
        clickInMirror(console, mirror.locator("#cover-level"), customer.locator("#cover-level"), "end");
        Locator options = console.locator(".tandem-control-options");
        assertThat(options).isVisible();
        BoundingBox list = options.boundingBox();
        BoundingBox panel = console.locator("#mirror").boundingBox();
        assertTrue(list.y >= panel.y && list.y + list.height <= panel.y + panel.height
                && list.x >= panel.x && list.x + list.width <= panel.x + panel.width,
                "the list is within the stage: list " + list.y + "+" + list.height + ", stage " + panel.y + "+"
                        + panel.height);
        options.locator("[data-value=premium]").click();
        customer.waitForFunction("() => document.getElementById('cover-level').value === 'premium'");
        says(console, "ok", "Option chosen on the customer’s page.");
    }
}
