package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Axe;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 2: a real engine (axe-core, WCAG 2.0/2.1/2.2 A and AA rules) finds no serious or critical violation
 * on the pages and states a customer meets (the join page and its consent, the workspace and its document viewer,
 * tandem.js's banner, the pill after Stop, the call tile, the control prompt, the rating card and the help button on
 * the firm's site) and on the staff pages (the console's home, a live session and its invite panel, the supervisor's
 * session log, dashboard, replay and timeline). Every state is collected first and reported together, so one run names them all.
 */
@QuarkusTest
class AccessibilityTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    private final BrowserPages pages = new BrowserPages();
    private final List<String> found = new ArrayList<>();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private void check(String state, Page page, String context) {
        for (String v : Axe.seriousViolations(page, context)) {
            found.add(state + ": " + v);
        }
    }

    @Test
    void theCustomersPagesAndStatesHaveNoSeriousViolation() {
        String title = "Accessible Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR, title, 2, "Home", "2026-01");
        JsonPath created = newSession(ADVISOR, "Accessible Ada");
        String id = created.getString("id");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#accept")).isVisible();
        check("the join page with its consent", customer, "document");
        customer.click("#accept");
        assertThat(customer.locator("#continue")).isVisible();
        check("the workspace after consent", customer, "document");

        // the advisor shows a policy document: the workspace's document viewer
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(customer.locator("#workspace-document .doc-page canvas")).isVisible();
        check("the document viewer in the workspace", customer, "document");
        console.click("#documents [data-doc=close]");
        assertThat(customer.locator("#workspace-document .doc-page canvas")).isHidden();
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasCount(1);
        check("tandem.js's banner on the firm's site", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertThat(customer.locator("[data-tandem-ui=paused]")).isAttached();
        check("the pill after Stop, with Share again", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=paused] button.share").click();
        customer.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");

        // a video call: the invitation in the call tile, then the tile during the call
        console.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile.locator(".invite:not(.screen-ask) .accept")).isVisible();
        check("the call tile's invitation", customer, "[data-tandem-ui]");
        tile.locator(".invite:not(.screen-ask) .accept").click();
        assertThat(console.locator("#call")).hasAttribute("data-state", Pattern.compile("connected|relayed"),
                new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(tile.locator(".hangup")).isVisible();
        check("the call tile during a call", customer, "[data-tandem-ui]");
        tile.locator(".hangup").click();
        assertThat(tile.locator(".hangup")).isHidden();

        console.click("#ctl-request");
        assertThat(customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]")).isVisible();
        check("the control consent prompt", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=control-consent] button[data-answer=page]").click();
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).isAttached();
        check("the banner while the advisor controls the page", customer, "[data-tandem-ui]");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        assertThat(customer.locator("[data-tandem-ui=rating] form.tandem-rating")).isVisible();
        check("the rating card", customer, "[data-tandem-ui]");

        // a visitor of the firm's site asks for help: the button, then its code
        Page visitor = pages.anonymous();
        visitor.navigate(BASE + "/demo/");
        visitor.locator("[data-tandem-ui=help] #help").click();
        assertThat(visitor.locator("[data-tandem-ui=help] #code")).hasText(Pattern.compile("\\d{3} \\d{3}"));
        check("the help button's code on the firm's site", visitor, "[data-tandem-ui]");
        assertEquals(List.of(), found, String.join("\n", found));
    }

    @Test
    void theStaffPagesHaveNoSeriousViolation() {
        JsonPath created = newSession(ADVISOR, "Accessible Abe");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/");
        assertThat(console.locator("#new-session")).isVisible();
        check("the console's home", console, "document");
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#session-status")).hasText("In progress");
        check("the console in a live session", console, "document");
        console.click("#invite-colleague");
        assertThat(console.locator("#colleague-dialog")).isVisible();
        check("the console's invite panel", console, "document");
        console.keyboard().press("Escape");
        assertThat(console.locator("#colleague-dialog")).isHidden();

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        assertThat(supervisor.locator("#session-table tbody tr").first()).isVisible();
        check("the supervisor's session log", supervisor, "document");
        supervisor.click(".tabs [data-view=dashboard]");
        check("the supervisor's dashboard", supervisor, "document");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] button.replay").click();
        assertThat(supervisor.locator("#player iframe")).isAttached();
        check("the supervisor's replay", supervisor, "document");
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] [data-customer]").click();
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']")).isVisible();
        check("a customer's relationship timeline", supervisor, "document");
        customer.close();
        assertEquals(List.of(), found, String.join("\n", found));
    }
}
