package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Words for people (issue 22 item 7): validation errors, outcomes, states and audit entries read as sentences, the
 * dashboard's colours follow meaning, and staff see only the links their roles open.
 */
@QuarkusTest
class WordsForPeopleTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    /** A key an API speaks that must never reach a page as it is. */
    private static final Pattern KEY = Pattern.compile(
            "\\b(policy_explained|quote_sent|follow_up|no_show|CREATED|WAITING|ACTIVE|ENDED|EXPIRED|must not be blank)\\b");

    private final BrowserPages pages = new BrowserPages();

    @Inject
    TestClock clock;

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void aMissingCustomerNameIsASentenceUnderTheNameFieldAndGoesOnceFixed() {
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/");
        console.click("#new-session");
        console.click("#new-customer summary");
        console.fill("#new-email", "nina@example.com");
        console.click("#create");

        assertThat(console.locator("#new-name-error")).hasText("Enter the customer's name.");
        assertThat(console.locator("#new-name")).hasAttribute("aria-invalid", "true");
        assertThat(console.locator("#new-name")).hasAttribute("aria-describedby", "new-name-error");
        assertThat(console.locator("#new-name")).isFocused();
        assertThat(console.locator("#new-dialog")).not().containsText("customer.name");
        assertThat(console.locator("#new-dialog")).not().containsText("must not be blank");

        console.fill("#new-name", "Named Nina");
        console.click("#create");
        assertThat(console.locator("#session-title")).hasText("Named Nina");
        assertThat(console.locator("#session-status")).hasText("Invited");
        console.click("#new-session");
        assertThat(console.locator("#new-dialog .field-error")).hasCount(0);
    }

    @Test
    void theServersSentenceForABadFeedbackWindowStandsUnderThatFieldInTheSettings() {
        Page admin = pages.staff(ADMIN);
        admin.navigate(BASE + "/supervisor/");
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#set-feedback-window")).not().hasValue("");
        // past the browser's own check (min 1), as an older browser or a hand-made request would be
        admin.evaluate("() => { document.getElementById('settings-form').noValidate = true; }");
        admin.fill("#set-feedback-window", "0");
        admin.click("#settings-save");
        assertThat(admin.locator("#set-feedback-window-error"))
                .hasText("Enter a feedback window from 1 to 10080 minutes (one week).");
        assertThat(admin.locator("#set-feedback-window")).hasAttribute("aria-invalid", "true");
        assertThat(admin.locator("#settings-status")).hasText("Not saved: see the note under the field.");
        assertThat(admin.locator("#view-settings")).not().containsText("feedbackWindowMinutes");
    }

    @Test
    void outcomesAndStatesAreWordsInTheSessionLogTheTimelineAndTheConsole() {
        JsonPath created = newSession(ADVISOR1, "Worded Wendy");
        String id = created.getString("id");
        admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "policy_explained")).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row).containsText("Policy explained");
        assertThat(row.locator("[data-status]")).hasText("Ended");
        String log = (String) supervisor.evaluate("() => document.body.innerText");
        assertFalse(KEY.matcher(log).find(), "a key reached the session log: " + log);

        row.locator("[data-customer]").click();
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']"))
                .containsText("Policy explained");
        assertThat(supervisor.locator("#nps-category")).hasText("No rating yet");

        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#session-status")).hasText("Ended");
        assertThat(console.locator("#sessions li[data-id='" + id + "'] .meta")).containsText("Ended");
        assertThat(console.locator("#ended-text")).containsText("policy explained");
        String page = (String) console.evaluate("() => document.body.innerText");
        assertFalse(KEY.matcher(page).find(), "a key reached the console: " + page);
    }

    @Test
    void auditEntriesAreSentencesWithNamesThatTellOneReplayFromAnother() {
        String ava = ended("Audit Ava");
        String bo = ended("Audit Bo");
        String eve = ended("Erasable Eve");
        as(SUPERVISOR).get("/api/sessions/" + ava + "/recording").then().statusCode(200);
        as(SUPERVISOR).get("/api/sessions/" + bo + "/recording").then().statusCode(200);
        String eveId = as(SUPERVISOR).get("/api/sessions/" + eve).then().extract().path("customer.id");
        as(ADMIN).post("/api/customers/" + eveId + "/erasure").then().statusCode(200);

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.click(".tabs [data-view=audit]");
        Locator replays = supervisor.locator("#audit-table tbody tr[data-action=replay]");
        Locator ofAva = replays.filter(new Locator.FilterOptions().setHasText("Audit Ava")).first();
        Locator ofBo = replays.filter(new Locator.FilterOptions().setHasText("Audit Bo")).first();
        assertThat(ofAva.locator(".sentence")).hasText(Pattern.compile(
                "^Sam Supervisor replayed the session of Audit Ava with Alice Archer of .+ \\(\\d+ recorded frames?\\)\\.$"));
        assertThat(ofBo.locator(".sentence")).hasText(Pattern.compile(
                "^Sam Supervisor replayed the session of Audit Bo with Alice Archer of .+"));
        assertNotEquals(ofAva.locator(".sentence").textContent(), ofBo.locator(".sentence").textContent());
        assertThat(ofAva).containsText("Replay");
        assertThat(supervisor.locator("#audit-table tbody tr[data-action=erasure]").first().locator(".sentence"))
                .hasText(Pattern.compile("^Dev Diaz erased the personal data of customer Erasable Eve \\(1 session, "
                        + "\\d+ recording parts deleted\\)\\.$"));
        // the entries' links open the session and the customer rather than showing their ids
        ofAva.getByText("Open the session").click();
        assertThat(supervisor.locator("#replay-title")).hasText("Audit Ava with Alice Archer");
    }

    @Test
    void dashboardColoursFollowMeaningResolvedGreenEscalatedAndNegativeNpsRed() {
        if (clock.instant().atOffset(ZoneOffset.UTC).getHour() == 23) {
            clock.advance(Duration.ofHours(1)); // stay clear of midnight: both sessions on one day
        }
        String negative = TestTokens.staff("sub-words-neg", "wordsneg", "Nell Negative", "advisor");
        String positive = TestTokens.staff("sub-words-pos", "wordspos", "Pia Positive", "advisor");
        String day = rated(negative, "Grumpy Gus", "escalated", 2);
        rated(positive, "Happy Hal", "resolved", 10);

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.click(".tabs [data-view=dashboard]");
        supervisor.fill("#dash-from", day);
        supervisor.fill("#dash-to", day);
        supervisor.click("#dash-apply");
        supervisor.waitForFunction("() => window.__tandemDashboard && window.__tandemDashboard.data.from.startsWith('"
                + day + "')");

        String green = "#2f9e44";
        String red = "#c92a2a";
        assertEquals(red, colourOf(supervisor, "chart-advisors", "Nell Negative"));
        assertEquals(green, colourOf(supervisor, "chart-advisors", "Pia Positive"));
        assertEquals(green, colourOf(supervisor, "chart-outcomes", "Resolved"));
        assertEquals(red, colourOf(supervisor, "chart-outcomes", "Escalated"));
        // each day's NPS point: red below zero, green above
        @SuppressWarnings("unchecked")
        List<List<Object>> points = (List<List<Object>>) supervisor.evaluate("() => { const d = window"
                + ".__tandemDashboard.charts['chart-nps'].data.datasets[0];"
                + " return d.data.map((v, i) => [v, d.pointBackgroundColor[i]]); }");
        for (List<Object> p : points) {
            int score = ((Number) p.get(0)).intValue();
            assertEquals(score < 0 ? red : score > 0 ? green : "#f08c00", p.get(1), "NPS " + score);
        }
        // a detractor's score in the follow-up list: a reason in words
        supervisor.click(".tabs [data-view=follow-ups]");
        assertThat(supervisor.locator("#follow-up-table tbody tr[data-reason=detractor]").filter(
                new Locator.FilterOptions().setHasText("Grumpy Gus")).first())
                .containsText("Rated 2 out of 10: a detractor");
    }

    @Test
    void staffSeeOnlyTheLinksTheirRolesOpen() {
        Page advisor = pages.staff(ADVISOR1);
        advisor.navigate(BASE + "/console/");
        assertThat(advisor.locator("#new-session")).isVisible();
        assertThat(advisor.locator("#me")).hasText(TestTokens.ADVISOR1_NAME);
        assertThat(advisor.locator("#supervisor-link")).isHidden();
        // the server agrees: what the supervisor page shows is closed to advisors
        as(ADVISOR1).get("/api/reports/dashboard").then().statusCode(403);
        as(ADVISOR1).get("/api/audit").then().statusCode(403);

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/console/");
        assertThat(supervisor.locator("#supervisor-link")).isVisible();
        assertThat(supervisor.locator("#new-session")).isHidden();
        as(SUPERVISOR).body(Map.of("customer", Map.of("name", "Nobody"))).post("/api/sessions").then()
                .statusCode(403);
        supervisor.click("#supervisor-link");
        assertThat(supervisor.locator("#session-table")).isVisible();
        assertThat(supervisor.locator("#problem")).isHidden();
        assertThat(supervisor.locator("#console-link")).isVisible();
        for (String view : List.of("log", "dashboard", "follow-ups", "audit", "settings")) {
            assertThat(supervisor.locator(".tabs [data-view=" + view + "]")).isVisible();
        }
    }

    /** A session of a new customer, admitted and ended; its id. */
    private String ended(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        String id = created.getString("id");
        admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        return id;
    }

    /** A session of the advisor's, ended with the outcome and rated by the customer; the day it was on (UTC). */
    private String rated(String advisor, String name, String outcome, int score) {
        JsonPath created = newSession(advisor, name);
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        as(advisor).body(Map.of("outcome", outcome)).post("/api/sessions/" + id + "/end").then().statusCode(200);
        customer(credential).body(Map.of("score", score)).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(200);
        return LocalDate.ofInstant(Instant.parse(created.getString("createdAt") == null
                ? as(advisor).get("/api/sessions/" + id).then().extract().path("createdAt")
                : created.getString("createdAt")), ZoneOffset.UTC).toString();
    }

    private static Object colourOf(Page page, String chart, String label) {
        return page.evaluate("([chart, label]) => { const c = window.__tandemDashboard.charts[chart].data;"
                + " return c.datasets[0].backgroundColor[c.labels.indexOf(label)]; }", List.of(chart, label));
    }
}
