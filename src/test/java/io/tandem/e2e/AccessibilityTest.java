package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Axe;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 2: a real engine (axe-core, WCAG 2.0/2.1/2.2 A and AA rules) finds no serious or critical violation
 * on the pages and states a customer meets (the join page and its consent, the workspace, tandem.js's banner on the
 * firm's site, the rating card) and on the staff pages (the console's home and a live session, the supervisor's
 * session log and dashboard). Every state is collected first and reported together, so one run names them all.
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
        JsonPath created = newSession(ADVISOR, "Accessible Ada");
        String id = created.getString("id");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#accept")).isVisible();
        check("the join page with its consent", customer, "document");
        customer.click("#accept");
        assertThat(customer.locator("#continue")).isVisible();
        check("the workspace after consent", customer, "document");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasCount(1);
        check("tandem.js's banner on the firm's site", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertThat(customer.locator("[data-tandem-ui=paused]")).isAttached();
        check("the pill after Stop, with Share again", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=paused] button.share").click();
        customer.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");

        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        console.click("#ctl-request");
        assertThat(customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]")).isVisible();
        check("the control consent prompt", customer, "[data-tandem-ui]");
        customer.locator("[data-tandem-ui=control-consent] button[data-answer=page]").click();
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).isAttached();
        check("the banner while the advisor controls the page", customer, "[data-tandem-ui]");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        assertThat(customer.locator("[data-tandem-ui=rating] form.tandem-rating")).isVisible();
        check("the rating card", customer, "[data-tandem-ui]");
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
