package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSessionFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loyalty ladder in the supervisor's browser: every move (by rule or by hand, and why) on the customer's
 * relationship timeline, a move made from the page, and the dashboard's ladder charts with the list behind a bar; the
 * advisor's console shows the customer's rung beside the session and the follow-ups on its home, overdue marked,
 * closed there with a note.
 */
@QuarkusTest
class LoyaltyLadderTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @Inject
    TestClock clock;

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static void end(String customerId, String outcome) {
        String session = newSessionFor(ADVISOR, customerId).getString("id");
        as(ADVISOR).body(Map.of("outcome", outcome)).post("/api/sessions/" + session + "/end").then().statusCode(200);
    }

    private static void move(String customerId, String rung, String reason) {
        as(SUPERVISOR).body(Map.of("rung", rung, "reason", reason)).put("/api/customers/" + customerId + "/rung")
                .then().statusCode(200);
    }

    @Test
    void theTimelineShowsEveryMoveAndASupervisorMovesACustomerByHand() {
        String name = "Timeline Tess " + suffix();
        String id = newCustomer(ADVISOR, name).getString("id");
        end(id, "quote_sent");

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/?customer=" + id);
        assertThat(supervisor.locator("#customer-name")).hasText(name);
        assertThat(supervisor.locator("#customer-rung")).hasText("Customer on the loyalty ladder");
        Locator moves = supervisor.locator("#timeline-table tbody tr.ladder-move");
        assertThat(moves).hasCount(1);
        assertThat(moves.first()).containsText("Moved up from prospect to customer by the rule \u201cA quote sent or a"
                + " policy explained makes a prospect a customer\u201d.");
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session]")).hasCount(1);

        supervisor.selectOption("#rung-select", "client");
        supervisor.fill("#rung-reason", "Took out a car policy as well");
        supervisor.click("#rung-save");
        assertThat(supervisor.locator("#customer-rung")).hasText("Client on the loyalty ladder");
        assertThat(supervisor.locator("#rung-status")).hasText("Moved to client.");
        assertThat(moves).hasCount(2);
        assertThat(supervisor.locator("#timeline-table tbody tr").first()).containsText(
                "Sam Supervisor moved them up from customer to client: \u201cTook out a car policy as well\u201d.");
        assertThat(supervisor.locator("#timeline-table tbody tr").first()).hasAttribute("data-direction", "up");
    }

    @Test
    void theDashboardChartsTheLadderAndABarOpensTheCustomersBehindIt() {
        clock.advance(Duration.ofDays(1)); // a day of its own: no other test moved anyone on it
        if (clock.instant().atOffset(ZoneOffset.UTC).getHour() == 23) {
            clock.advance(Duration.ofHours(1));
        }
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        String dora = "Dashboard Dora " + suffix();
        String dan = "Dashboard Dan " + suffix();
        String doraId = newCustomer(ADVISOR, dora).getString("id");
        String danId = newCustomer(ADVISOR, dan).getString("id");
        move(doraId, "advocate", "Recommended us to her whole street");
        move(danId, "client", "Three policies");
        move(danId, "customer", "Cancelled two of them");

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.click(".tabs [data-view=dashboard]");
        supervisor.fill("#dash-from", day);
        supervisor.fill("#dash-to", day);
        supervisor.click("#dash-apply");
        supervisor.waitForFunction("day => window.__tandemLadder && window.__tandemLadder.report.from.startsWith(day)",
                day);
        @SuppressWarnings("unchecked")
        List<Object> climbed = (List<Object>) supervisor.evaluate("() => window.__tandemLadder.moves.data.datasets[0]"
                + ".data");
        @SuppressWarnings("unchecked")
        List<Object> slipped = (List<Object>) supervisor.evaluate("() => window.__tandemLadder.moves.data.datasets[1]"
                + ".data");
        assertEquals(List.of(0, 0, 1, 0, 1), climbed.stream().map(n -> ((Number) n).intValue()).toList(),
                "climbed to client (Dan) and to advocate (Dora)");
        assertEquals(List.of(0, 1, 0, 0, 0), slipped.stream().map(n -> ((Number) n).intValue()).toList(),
                "slipped to customer (Dan)");
        assertThat(supervisor.locator("#loop-closed")).hasText("No detractor rated a session in this period.");

        // the green bar of advocates who climbed: the list of those moves
        clickBar(supervisor, "moves", 0, 4);
        assertThat(supervisor.locator("#ladder-drill")).isVisible(SLOW);
        assertThat(supervisor.locator("#ladder-drill-title")).hasText("Climbed to advocate in the period (1)");
        assertThat(supervisor.locator("#ladder-drill-table tbody tr")).hasCount(1);
        assertThat(supervisor.locator("#ladder-drill-table tbody tr").first()).containsText(dora);
        assertThat(supervisor.locator("#ladder-drill-table tbody tr").first()).containsText(
                "Sam Supervisor moved them up from prospect to advocate: \u201cRecommended us to her whole street\u201d.");
        // the red bar of those who slipped to customer
        clickBar(supervisor, "moves", 1, 1);
        assertThat(supervisor.locator("#ladder-drill-title")).hasText("Slipped to customer in the period (1)");
        assertThat(supervisor.locator("#ladder-drill-table tbody tr").first()).containsText(dan);
        // the advocates standing now, newest on the rung first; a name opens their timeline
        clickBar(supervisor, "customers", 0, 4);
        assertThat(supervisor.locator("#ladder-drill-title")).containsText("Customers on the advocate rung now");
        Locator first = supervisor.locator("#ladder-drill-table tbody tr").first();
        assertThat(first).containsText(dora);
        first.locator("button.link").click();
        assertThat(supervisor.locator("#customer-name")).hasText(dora);
        assertThat(supervisor.locator("#customer-rung")).hasText("Advocate on the loyalty ladder");
    }

    /**
     * Clicks the bar of one dataset at one rung (0 prospect … 4 advocate), in the middle of its column's height, the
     * chart scrolled into view first (the ladder's charts sit below the fold).
     */
    private static void clickBar(Page page, String chart, int dataset, int rung) {
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) page.evaluate("([chart, dataset, rung]) => { const c = window.__tandemLadder"
                + "[chart]; c.canvas.scrollIntoView({ block: 'center' }); const bar = c.getDatasetMeta(dataset).data[rung];"
                + " const box = c.canvas.getBoundingClientRect(); const y = Math.min(bar.base - 2, (bar.y + bar.base) / 2);"
                + " return [box.left + bar.x, box.top + y]; }", List.of(chart, dataset, rung));
        page.mouse().click(at.get(0).doubleValue(), at.get(1).doubleValue());
    }

    @Test
    void theConsoleShowsTheCustomersRungBesideTheSessionAndClosesAnOverdueFollowUp() {
        String name = "Console Cleo " + suffix();
        String id = newCustomer(ADVISOR, name).getString("id");
        move(id, "supporter", "Long-standing home and car policies");
        end(id, "escalated");
        clock.advance(Duration.ofDays(3).plusMinutes(5)); // past the escalation's due date

        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/");
        Locator task = console.locator("#my-follow-up-table tbody tr").filter(new Locator.FilterOptions()
                .setHasText(name));
        assertThat(task).isVisible(SLOW);
        assertThat(task).hasAttribute("data-overdue", "true");
        assertThat(task).containsText("The session was escalated");
        assertThat(task.locator(".follow-up-state")).containsText("Overdue since");
        task.locator("input[name=note]").fill("Called Cleo: the claim goes to the assessor on Monday");
        task.locator("button[type=submit]").click();
        assertThat(task).hasCount(0);
        assertEquals("Called Cleo: the claim goes to the assessor on Monday", as(SUPERVISOR).queryParam("customer", id)
                .queryParam("state", "closed").get("/api/follow-ups").then().statusCode(200).extract()
                .path("[0].note"));

        String session = newSessionFor(ADVISOR, id).getString("id");
        console.navigate(BASE + "/console/?session=" + session);
        assertThat(console.locator("#customer-card")).isVisible(SLOW);
        assertThat(console.locator("#card-rung")).hasText("Supporter on the loyalty ladder");
        assertThat(console.locator("#card-score")).hasText("Not rated yet");
        assertThat(console.locator("#card-touchpoints li")).hasCount(1);
        assertThat(console.locator("#card-touchpoints li").first()).containsText("Escalated");
    }
}
