package io.tandem.e2e;

import io.tandem.testing.Relays;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.socket.FrameTap;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Remote control with consent, in a real Chromium on both sides: the advisor asks, the customer allows it in a dialog
 * naming the advisor, and the advisor's clicks, typing, option choices and scrolling on the mirror happen on the
 * customer's page as DOM events, within the page's policy; Esc takes control back. And the other direction: the
 * advisor hands their own page to the customer.
 */
@QuarkusTest
class RemoteControlTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsAttachedOptions SLOW = new LocatorAssertions.IsAttachedOptions()
            .setTimeout(10_000);

    @Inject
    FrameTap tap;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * Clicks the centre of an element of a mirror, as the viewer's mouse would (so through the control overlay),
     * once the sharer has scrolled it into view (the mirror shows the sharer's viewport).
     */
    private static void clickInMirror(Page viewer, Locator element, Locator onSharersPage) {
        onSharersPage.evaluate("(el) => el.scrollIntoView({block: 'center'})");
        Locator panel = viewer.locator("#mirror, #workspace-mirror").first();
        double[] last = {-1};
        viewer.waitForCondition(() -> { // in view, and still from one frame to the next (it may scroll smoothly)
            BoundingBox box = element.boundingBox();
            BoundingBox view = panel.boundingBox();
            boolean still = box != null && box.y == last[0];
            last[0] = box == null ? -1 : box.y;
            Browsers.nextFrame(viewer);
            return still && box.y > view.y && box.y + box.height < view.y + view.height;
        }, new Page.WaitForConditionOptions().setTimeout(5000));
        BoundingBox box = element.boundingBox();
        viewer.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
    }

    private static void waitFor(Page page, String predicate) {
        page.waitForFunction(predicate, null, new Page.WaitForFunctionOptions().setTimeout(5000));
    }

    @Test
    void withConsentTheAdvisorsClicksTypingAndChoicesHappenOnTheCustomersPageWithinItsPolicyUntilEsc() {
        JsonPath created = newSession(TestTokens.advisor1(), "Controlled Cleo");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        customer.navigate(BASE + "/demo/quote.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);
        FrameLocator mirror = console.frameLocator("#mirror iframe");
        assertThat(mirror.locator("#accept-terms")).isAttached(SLOW);

        // no control yet: the overlay is off, a click on the mirror does nothing to the customer's page
        clickInMirror(console, mirror.locator("#accept-terms"), customer.locator("#accept-terms"));

        // the advisor asks; the customer sees a dialog naming them and allows it for this page
        console.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent).isVisible();
        // the request came after the click: had the click been carried out, it would have been by now
        assertEquals(false, customer.evaluate("() => document.getElementById('accept-terms').checked"),
                "a click before control changed nothing");
        assertThat(consent.locator(".ask")).hasText(TestTokens.ADVISOR1_NAME + " asks to control this page.");
        consent.locator("button[data-answer=page]").click();
        assertThat(console.locator("#ctl-status")).hasAttribute("data-state", "granted");
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).isAttached();

        // a click toggles the checkbox once (no echo toggles it back)
        clickInMirror(console, mirror.locator("#accept-terms"), customer.locator("#accept-terms"));
        waitFor(customer, "() => document.getElementById('accept-terms').checked === true");

        // typing lands in an ordinary field, and the mirror shows it
        clickInMirror(console, mirror.locator("#full-name"), customer.locator("#full-name"));
        console.keyboard().type("Cleo Jones");
        console.keyboard().press("Backspace");
        waitFor(customer, "() => document.getElementById('full-name').value === 'Cleo Jone'");
        assertThat(mirror.locator("#full-name")).hasValue("Cleo Jone");

        // an option is chosen from the list the console offers for a select
        clickInMirror(console, mirror.locator("#cover-level"), customer.locator("#cover-level"));
        console.click(".tandem-control-options [data-value=premium]");
        waitFor(customer, "() => document.getElementById('cover-level').value === 'premium'");
        // no echo toggled the checkbox back: the mirror showed it checked before it showed the typing, and the
        // console chose the option after that, so an echo would have come before the option
        assertEquals(true, customer.evaluate("() => document.getElementById('accept-terms').checked"),
                "toggled once");

        // the wheel scrolls the customer's page
        double before = ((Number) customer.evaluate("() => window.scrollY")).doubleValue();
        BoundingBox panel = console.locator("#mirror").boundingBox();
        console.mouse().move(panel.x + panel.width / 2, panel.y + panel.height / 2);
        console.mouse().wheel(0, 300);
        waitFor(customer, "() => window.scrollY > " + (before + 100));

        // a masked field cannot be typed into by the advisor
        clickInMirror(console, mirror.locator("#ni-number"), customer.locator("#ni-number"));
        console.keyboard().type("QQ123456C");
        assertThat(console.locator("#ctl-status")).hasAttribute("data-last-result", "protected");
        assertEquals("", customer.evaluate("() => document.getElementById('ni-number').value"));

        // a data-tandem-confirm button is only highlighted for the customer, never pressed
        clickInMirror(console, mirror.locator("#get-quote"), customer.locator("#get-quote"));
        assertThat(console.locator("#ctl-status")).hasAttribute("data-last-result", "needs-confirm");
        assertThat(customer.locator("[data-tandem-ui=control-confirm]")).isAttached();
        assertTrue((Boolean) customer.evaluate("() => document.getElementById('quote-result').hidden"),
                "the form was not submitted");

        // Esc on the customer's page ends control: the advisor's next click has no effect
        customer.keyboard().press("Escape");
        assertThat(console.locator("#ctl-status")).hasAttribute("data-state", "none");
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).not().isAttached();
        clickInMirror(console, mirror.locator("#accept-terms"), customer.locator("#accept-terms"));
        Relays.settle(console); // the click has reached the relay...
        Relays.settle(customer); // ...and whatever the relay passed on has reached the customer's page
        assertEquals(true, customer.evaluate("() => document.getElementById('accept-terms').checked"),
                "still as the advisor left it");

        // every request, grant, revoke and action went through the relay (and so into the session's log)
        String received = String.join("\n", tap.frames(UUID.fromString(id)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        for (String type : new String[]{"ctl.request", "ctl.grant", "ctl.action", "ctl.result", "ctl.revoke"}) {
            assertTrue(received.contains("\"t\":\"" + type + "\""), type + " was sent");
        }

        // and the touchpoint counts them once the session ends
        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);
        String customerId = as(TestTokens.advisor1()).get("/api/sessions/" + id).then().extract().path("customer.id");
        console.waitForCondition(() -> as(TestTokens.advisor1()).get("/api/customers/" + customerId + "/timeline")
                .then().extract().jsonPath().getInt("items[0].counters.controlGrants") == 1,
                new Page.WaitForConditionOptions().setTimeout(5000));
        JsonPath counters = as(TestTokens.advisor1()).get("/api/customers/" + customerId + "/timeline").then()
                .extract().jsonPath().setRootPath("items[0].counters");
        assertEquals(1, counters.getInt("controlRequests"));
        assertTrue(counters.getInt("controlActions") >= 6, "clicks, typing, option, scroll: " + counters.prettify());
    }

    @Test
    void theAdvisorHandsTheirOwnPageToTheCustomerAndTakesItBack() {
        JsonPath created = newSession(TestTokens.advisor1(), "Driving Dana");
        String id = created.getString("id");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        assertThat(customer.locator("#continue")).isVisible();
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        console.click("#stage-mine");
        FrameLocator stage = console.frameLocator("#stage-frame");
        FrameLocator watched = customer.frameLocator("#workspace-mirror iframe");
        assertThat(watched.locator("#accept-terms")).isAttached(SLOW);

        console.click("#ctl-hand");
        assertThat(customer.locator("#ws-ctl-status")).hasAttribute("data-state", "granted");
        assertThat(console.locator("#ctl-status")).hasText("Driving Dana is controlling your page");

        clickInMirror(customer, watched.locator("#accept-terms"), stage.locator("#accept-terms"));
        assertThat(stage.locator("#accept-terms")).isChecked();
        clickInMirror(customer, watched.locator("#full-name"), stage.locator("#full-name"));
        customer.keyboard().type("Dana");
        assertThat(stage.locator("#full-name")).hasValue("Dana");
        // the same policy on the advisor's page: private fields and confirm buttons stay the advisor's
        clickInMirror(customer, watched.locator("#get-quote"), stage.locator("#get-quote"));
        assertThat(customer.locator("#ws-ctl-status")).hasAttribute("data-last-result", "needs-confirm");
        assertTrue((Boolean) console.evaluate("() => document.getElementById('stage-frame').contentDocument"
                + ".getElementById('quote-result').hidden"));

        console.click("#ctl-take-back");
        assertThat(customer.locator("#ws-ctl-status")).hasAttribute("data-state", "none");
        clickInMirror(customer, watched.locator("#accept-terms"), stage.locator("#accept-terms"));
        Relays.settle(customer);
        Relays.settle(console); // the advisor's stage page is a frame of the console
        assertThat(stage.locator("#accept-terms")).isChecked();
    }

    @Test
    void onTheAdvisorsPageBothSidesDrawAndSeeEachOthersDrawings() {
        JsonPath created = newSession(TestTokens.advisor1(), "Doodling Dee");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        console.click("#stage-mine");
        FrameLocator stage = console.frameLocator("#stage-frame");
        FrameLocator watched = customer.frameLocator("#workspace-mirror iframe");
        assertThat(watched.locator("#full-name")).isAttached(SLOW);

        // the advisor's page is connected as the stage and its drawing layer is up (under load this takes a while)
        console.waitForFunction("() => { const w = document.getElementById('stage-frame').contentWindow;"
                + " return w.__tandem && w.__tandem.connection === 'open' && w.__tandem.annotations; }", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        // the advisor draws a box on their own page, with the tools beside it
        stage.locator("[data-tandem-ui=draw-tools] [data-tool=rect]").click();
        stage.locator("#full-name").scrollIntoViewIfNeeded(); // the mouse only reaches what is on screen
        BoundingBox field = stage.locator("#full-name").boundingBox();
        console.mouse().move(field.x + 2, field.y + 2);
        console.mouse().down();
        console.mouse().move(field.x + field.width / 2, field.y + field.height / 2,
                new Mouse.MoveOptions().setSteps(6));
        console.mouse().up();
        customer.waitForFunction("() => { const l = window.__tandemWorkspaceAnnotations; return l"
                + " && [...l.model.annotations.values()].some((a) => a.done && a.author.startsWith('stage:'))"
                + " && l.svg.querySelector('g[data-id]'); }", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));

        // the customer draws on the mirror of it, and the advisor's page shows it
        customer.click("#workspace-tools [data-tool=pen]");
        BoundingBox mirrored = watched.locator("#full-name").boundingBox();
        customer.mouse().move(mirrored.x + 4, mirrored.y + mirrored.height / 2);
        customer.mouse().down();
        customer.mouse().move(mirrored.x + mirrored.width / 2, mirrored.y + mirrored.height / 2,
                new Mouse.MoveOptions().setSteps(8));
        customer.mouse().up();
        console.waitForFunction("() => { const w = document.getElementById('stage-frame').contentWindow;"
                + " const l = w.__tandem && w.__tandem.annotations; return l && [...l.model.annotations.values()]"
                + ".some((a) => a.done && a.author === 'customer'); }", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
    }
}
