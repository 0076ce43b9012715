package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console is read-only once the session is over, and says why: ended (with its replay and touchpoint), the
 * customer stopped sharing, or the customer left. Tools, control, the stage switch and the call are disabled.
 */
@QuarkusTest
class SessionStatesTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsAttachedOptions SLOW = new LocatorAssertions.IsAttachedOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private Page console(String token, String id) {
        Page console = pages.staff(token);
        console.navigate(BASE + "/console/?session=" + id);
        return console;
    }

    /** Everything that acts on the session is disabled; the banner names the state. */
    private static void readOnly(Page console, String state, String title) {
        assertThat(console.locator("body")).hasAttribute("data-session-state", state);
        assertThat(console.locator("#ended")).isVisible();
        assertThat(console.locator("#ended-title")).hasText(title);
        for (String selector : new String[]{"#annotate-tools button", "#control-tools button",
                "#stage-controls button", "#call button"}) {
            Locator all = console.locator(selector);
            for (int i = 0; i < all.count(); i++) {
                assertThat(all.nth(i)).isDisabled();
            }
        }
        assertThat(console.locator("#stage-url")).isDisabled();
        assertThat(console.locator("#documents [data-doc=query]")).isDisabled();
        assertThat(console.locator("#ctl-request")).isDisabled();
    }

    @Test
    void anEndedSessionIsReadOnlyWithItsTouchpointAndForASupervisorItsReplay() {
        JsonPath created = newSession(TestTokens.advisor1(), "Ended Edna");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page console = console(TestTokens.advisor1(), id);
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(SLOW);
        assertThat(console.locator("#ctl-request")).isEnabled();
        assertThat(console.locator("#call .call-start")).isEnabled();
        assertThat(console.locator("#ended")).isHidden();

        console.click("#end-session");
        console.selectOption("#outcome", "quote_sent");
        console.click("#confirm-end");
        customer.waitForFunction("() => window.__tandem.state === 'stopped'");
        readOnly(console, "ended", "Session ended");
        assertThat(console.locator("#end-session")).isHidden();
        assertThat(console.locator("#customer-presence")).hasText("Sharing ended");
        assertThat(console.locator("#customer-tab")).isEmpty();
        // an advisor has no supervisor page: the touchpoint is said in the banner, no link leads nowhere
        assertThat(console.locator("#ended-text")).containsText("Its touchpoint is on Ended Edna’s record: quote sent",
                new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(console.locator("#ended-replay")).isHidden();
        assertThat(console.locator("#ended-touchpoint")).isHidden();
        console.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots",
                "console-ended.png")));

        // opened again later, by a supervisor: read-only from the start, with links to the replay and touchpoints
        console.waitForCondition(() -> as(TestTokens.advisor1()).get("/api/sessions/" + id).then().extract()
                .jsonPath().getBoolean("recorded"), new Page.WaitForConditionOptions().setTimeout(10_000));
        Page supervisor = console(TestTokens.supervisor1(), id);
        assertThat(supervisor.locator("#ended-title")).hasText("Session ended");
        assertThat(supervisor.locator("body")).hasAttribute("data-session-state", "ended");
        String customerId = as(TestTokens.advisor1()).get("/api/sessions/" + id).then().extract().path("customer.id");
        assertThat(supervisor.locator("#ended-replay")).hasAttribute("href", "/supervisor/?replay=" + id);
        assertThat(supervisor.locator("#ended-touchpoint")).hasAttribute("href",
                "/supervisor/?customer=" + customerId);
        supervisor.click("#ended-replay");
        assertThat(supervisor.locator("#view-replay")).isVisible();
        assertThat(supervisor.locator("#replay-title")).containsText("Ended Edna");
        supervisor.goBack();
        assertThat(supervisor.locator("#ended-touchpoint")).isVisible();
        supervisor.click("#ended-touchpoint");
        assertThat(supervisor.locator("#view-customer")).isVisible();
    }

    @Test
    void whenTheCustomerPressesStopTheConsoleSaysSoAndIsReadOnlyButTheSessionCanBeEnded() {
        JsonPath created = newSession(TestTokens.advisor1(), "Stopping Stella");
        Page customer = pages.customerSharing(created);
        Page console = console(TestTokens.advisor1(), created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(SLOW);
        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertThat(console.locator("#customer-presence")).hasText("Customer stopped sharing");
        readOnly(console, "stopped", "The customer stopped sharing");
        console.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots",
                "console-stopped.png")));
        assertThat(console.locator("#ended-replay")).isHidden();
        // the advisor can still record the outcome
        assertThat(console.locator("#end-session")).isEnabled();
        console.click("#end-session");
        console.selectOption("#outcome", "follow_up");
        console.click("#confirm-end");
        readOnly(console, "ended", "Session ended");
        as(TestTokens.advisor1()).get("/api/sessions/" + created.getString("id")).then()
                .body("status", org.hamcrest.Matchers.equalTo("ENDED"));
    }

    @Test
    void aSecondTabOfTheSameAdvisorTakesOverAndTheFirstSaysSoAndCanTakeItBack() {
        JsonPath created = newSession(TestTokens.advisor1(), "Two-tab Tess");
        pages.customerSharing(created);
        Page first = console(TestTokens.advisor1(), created.getString("id"));
        assertThat(first.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(SLOW);
        assertThat(first.locator("#replaced")).isHidden();
        Page second = console(TestTokens.advisor1(), created.getString("id"));
        assertThat(second.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(SLOW);
        assertThat(first.locator("#replaced")).isVisible();
        assertThat(first.locator("#replaced")).containsText("This session is open in another of your tabs.");
        first.click("#use-here");
        assertThat(second.locator("#replaced")).isVisible();
        assertThat(first.locator("#replaced")).isHidden();
        first.waitForFunction("() => document.body.dataset.relay === 'open'");
    }

    @Test
    void whenTheCustomerLeavesTheConsoleSaysSoAndIsReadOnlyUntilTheyComeBack() {
        JsonPath created = newSession(TestTokens.advisor1(), "Leaving Lena");
        Page customer = pages.customerSharing(created);
        String site = customer.url();
        Page console = console(TestTokens.advisor1(), created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(SLOW);
        String storage = (String) customer.evaluate("() => JSON.stringify(Object.entries(sessionStorage))");
        customer.close(); // the tab is gone: reconnecting, then left once the grace (2 s in tests) passes
        assertThat(console.locator("#customer-presence")).hasText("Customer left",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        readOnly(console, "left", "The customer left");
        assertThat(console.locator("#end-session")).isEnabled();

        // they come back in a new tab of the same browser: live again
        Page back = customer.context().newPage();
        back.addInitScript("for (const [k, v] of " + storage + ") sessionStorage.setItem(k, v);");
        back.navigate(site);
        back.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(console.locator("body")).hasAttribute("data-session-state", "live",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(console.locator("#ended")).isHidden();
        assertThat(console.locator("#ctl-request")).isEnabled();
        assertThat(console.locator("#annotate-tools [data-tool=pen]")).isEnabled();
    }
}
