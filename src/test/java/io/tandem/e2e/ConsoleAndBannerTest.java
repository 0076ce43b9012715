package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Browsers;
import io.tandem.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the advisor's console and the customer's banner show and do around the mirror. */
@QuarkusTest
class ConsoleAndBannerTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private Page page(boolean advisor) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        if (advisor) {
            context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADVISOR1
                    + "', exp: 4102444800}))");
        }
        return context.newPage();
    }

    /** Customer on the demo site via join link, consent and "continue"; advisor's console on the session. */
    private Page[] sharing(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        Page customer = page(false);
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Page console = page(true);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        return new Page[]{customer, console};
    }

    @Test
    void theConsoleShowsPresencePointerTabStateAndRoundTrip() {
        Page[] pages = sharing("Pointing Pip");
        Page customer = pages[0];
        Page console = pages[1];
        assertThat(console.locator("#customer-presence")).hasText("Customer connected");
        assertThat(customer.locator("[data-tandem-ui=banner] .status")).hasText("advisor connected");
        customer.mouse().move(300, 200);
        customer.mouse().move(320, 240);
        assertThat(console.locator("#mirror .tandem-pointer")).isAttached();
        assertThat(console.locator("#mirror .tandem-pointer")).hasAttribute("data-participant", "customer");
        assertThat(console.locator("#rtt")).hasText(Pattern.compile("RTT \\d+ ms / \\d+ ms"),
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(console.locator("#customer-tab")).hasText(Pattern.compile("tab .*"));
        double scale = Double.parseDouble(console.locator("#mirror").getAttribute("data-scale"));
        assertTrue(scale > 0 && scale <= 1, "the mirror is scaled to fit the panel: " + scale);
    }

    @Test
    void theCustomersStopButtonStopsSharingTheAdvisorSeesItAndTheCustomerMayShareAgain() {
        Page[] pages = sharing("Stopping Stan");
        Page customer = pages[0];
        Page console = pages[1];
        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertEquals("stopped", customer.evaluate("() => window.__tandem.state"));
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasCount(0);
        assertThat(console.locator("#customer-presence")).hasText("Customer stopped sharing",
                new LocatorAssertions.HasTextOptions().setTimeout(5000));
        assertThat(console.locator("body")).hasAttribute("data-session-state", "stopped");
        Locator paused = customer.locator("[data-tandem-ui=paused]");
        assertThat(paused.locator(".text")).hasText("You stopped sharing this page with Alice Archer.");
        customer.reload();
        assertEquals("stopped", customer.evaluate("() => window.__tandem.state"), "the stopped session stays stopped");
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasCount(0);
        assertThat(console.locator("#customer-presence")).hasText("Customer stopped sharing");

        // the same session goes on when the customer says so: the advisor sees the page again
        customer.click("#toggle-details"); // changed while nothing was shared: the advisor sees it once shared again
        paused.locator("button.share").click();
        customer.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");
        assertThat(customer.locator("[data-tandem-ui=banner]")).isAttached();
        assertThat(console.locator("#customer-presence")).hasText("Customer connected");
        assertThat(console.locator("body")).hasAttribute("data-session-state", "live");
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).hasText("Hide policy details");

        // stopped again and done with it: the credential is let go and help is offered as on any page
        customer.locator("[data-tandem-ui=banner] button.stop").click();
        paused.locator("button.done").click();
        assertThat(paused).hasCount(0);
        assertThat(customer.locator("[data-tandem-ui=help]")).isAttached();
        customer.reload();
        assertEquals("idle", customer.evaluate("() => window.__tandem.state"), "nothing kept after Done");
    }

    @Test
    void endingFromTheConsoleRecordsTheOutcomeAndStopsTheCustomersSharing() {
        Page[] pages = sharing("Ending Ella");
        Page customer = pages[0];
        Page console = pages[1];
        console.click("#end-session");
        console.selectOption("#outcome", "quote_sent");
        console.fill("#notes", "Sent the home quote");
        console.click("#confirm-end");
        customer.waitForFunction("() => window.__tandem.state === 'stopped'");
        assertThat(console.locator("#session-status")).hasText("Ended");
        String id = console.url().replaceAll(".*session=", "");
        as(ADVISOR1).get("/api/sessions/" + id).then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("quote_sent"))
                .body("notes", org.hamcrest.Matchers.equalTo("Sent the home quote"));
    }

    @Test
    void theNewSessionDialogCreatesASessionWithAnInviteAndCountdown() {
        Page console = page(true);
        console.navigate(BASE + "/console/");
        console.click("#new-session");
        console.locator("#new-customer summary").click();
        console.fill("#new-name", "Invited Ivy");
        console.fill("#purpose", "renewal");
        console.click("#create");
        assertThat(console.locator("#session-title")).hasText("Invited Ivy");
        assertThat(console.locator("#invite-code")).hasText(Pattern.compile("[1-9][0-9]{5}"));
        assertThat(console.locator("#invite-link")).hasValue(Pattern.compile(BASE + "/join#.{43}"));
        assertThat(console.locator("#invite-expiry")).hasText(Pattern.compile("(19|20):[0-5][0-9]"));
        assertThat(console.locator("#sessions li.selected .who")).hasText("Invited Ivy");
    }

    @Test
    void aCustomerReloadingTheWorkspaceIsBackInAtOnceAndSeesTheAdvisorsPage() {
        JsonPath created = newSession(ADVISOR1, "Reloading Rhea");
        Page customer = page(false);
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = page(true);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        console.click("#stage-mine");
        assertThat(customer.frameLocator("#workspace-mirror iframe").locator("#full-name")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        console.frameLocator("#stage-frame").locator("#full-name").pressSequentially("Before reload");
        customer.reload();
        assertThat(customer.frameLocator("#workspace-mirror iframe").locator("#full-name")).hasValue("Before reload",
                new LocatorAssertions.HasValueOptions().setTimeout(5000));
    }
}
