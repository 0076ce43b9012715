package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PdfFixtures;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names, purposes, notes, comments and document titles are people's text, never markup: every page that shows them
 * (join page, workspace, tandem.js banner, console, session log, customer timeline with the documents read, replay,
 * audit log, follow-up list) shows the hostile strings literally, and no element or script of theirs appears anywhere,
 * shadow roots and same-origin frames included.
 */
@QuarkusTest
class HostileTextTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String ADVISOR_NAME = "Mal <b data-pwned>Bold</b><script data-pwned>window.__pwned='advisor'"
            + "</script>";
    private static final String CUSTOMER_NAME = "Eve " + SUFFIX + " <img src=x data-pwned "
            + "onerror=\"window.__pwned='customer'\">";
    private static final String PURPOSE = "Review <svg data-pwned onload=\"window.__pwned='purpose'\"></svg> & more";
    private static final String NOTES = "Notes <iframe data-pwned srcdoc=\"<script>parent.__pwned='notes'</script>\">"
            + "</iframe> =1+1";
    private static final String COMMENT = "Comment <img src=x data-pwned onerror=\"window.__pwned='comment'\"> "
            + SUFFIX;
    private static final String TITLE = "Policy " + SUFFIX + " <i data-pwned>title</i><a data-pwned href="
            + "\"javascript:window.__pwned='title'\">link</a>";
    /**
     * Elements of the hostile strings found in the page (its shadow roots and same-origin frames too), and the flag
     * their handlers would set.
     */
    private static final String PLANTED = "() => { const found = [];"
            + " const walk = (root) => root.querySelectorAll('*').forEach((e) => {"
            + "   if (e.hasAttribute('data-pwned') || e.getAttribute('src') === 'x') found.push(e.tagName);"
            + "   if (e.shadowRoot) walk(e.shadowRoot);"
            + "   if (e.tagName === 'IFRAME') { try { if (e.contentDocument) walk(e.contentDocument); } catch (x) {} }"
            + " });"
            + " walk(document);"
            + " if (window.__pwned) found.push('ran:' + window.__pwned);"
            + " return found.join(','); }";

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void namesPurposesNotesCommentsAndTitlesShowLiterallyOnEveryPageThatShowsThem() {
        String advisor = TestTokens.staff("sub-hostile-" + SUFFIX, "hostile" + SUFFIX, ADVISOR_NAME, "advisor");
        String versionId = given().auth().oauth2(advisor).contentType("application/pdf")
                .body(PdfFixtures.policy("Policy " + SUFFIX, 2)).queryParam("title", TITLE)
                .queryParam("productLine", "Home").queryParam("version", "1").queryParam("language", "en")
                .post("/api/documents").then().statusCode(201).extract().path("id");
        JsonPath created = as(advisor).body(Map.of("customer", Map.of("name", CUSTOMER_NAME), "purpose", PURPOSE))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");

        // the customer: join page, workspace, then the site with tandem.js's banner
        Page join = pages.anonymous();
        join.navigate(created.getString("joinUrl"));
        assertThat(join.locator("#advisor-name")).hasText(ADVISOR_NAME);
        assertThat(join.locator("#purpose")).hasText(PURPOSE);
        nothingPlanted(join, "join page");
        join.click("#accept");
        assertThat(join.locator("#joined-advisor")).hasText(ADVISOR_NAME);
        nothingPlanted(join, "workspace");

        // the advisor's console: session list, title, purpose, the advisor's own name, the document library
        Page console = pages.staff(advisor);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#session-title")).hasText(CUSTOMER_NAME);
        assertThat(console.locator("#session-purpose")).hasText(PURPOSE);
        assertThat(console.locator("#me")).hasText(ADVISOR_NAME);
        assertThat(console.locator("#sessions li[data-id='" + id + "'] .who")).hasText(CUSTOMER_NAME);
        console.fill("#documents [data-doc=query]", "Policy " + SUFFIX);
        Locator result = console.locator("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(result).containsText(TITLE);
        result.click(); // the document is read in the session, so the customer's timeline lists its title
        assertThat(join.locator("#workspace-document[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        nothingPlanted(console, "console");
        nothingPlanted(join, "workspace showing the document");

        join.click("#continue");
        join.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(join.locator("[data-tandem-ui=banner] .who")).hasText("Sharing this page with " + ADVISOR_NAME);
        nothingPlanted(join, "the site's banner");
        nothingPlanted(console, "console mirroring the site");

        // the session ends with notes and a detractor's comment, and a supervisor reads the recording (audited)
        String credential = (String) join.evaluate(
                "() => JSON.parse(sessionStorage.getItem('tandem.session')).credential");
        as(advisor).body(Map.of("outcome", "escalated", "notes", NOTES)).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);
        customer(credential).body(Map.of("score", 2, "comment", COMMENT)).post("/api/sessions/" + id + "/feedback")
                .then().statusCode(200);
        as(SUPERVISOR).get("/api/sessions/" + id + "/recording").then().statusCode(200);
        assertThat(console.locator("#ended-text")).containsText(CUSTOMER_NAME);
        nothingPlanted(console, "console after the end");

        String customerId = as(SUPERVISOR).get("/api/sessions/" + id).then().extract().path("customer.id");
        Poll.until(Duration.ofSeconds(15), () -> {
            java.util.List<?> read = as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline").then().extract()
                    .jsonPath().getList("items.find { it.sessionId == '" + id + "' }.documents");
            return read != null && !read.isEmpty();
        }, "the document read in the session on the customer's timeline");

        Page supervisor = pages.staff(SUPERVISOR);
        supervisor.navigate(BASE + "/supervisor/");
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row.locator("[data-customer]")).hasText(CUSTOMER_NAME);
        assertThat(row).containsText(ADVISOR_NAME);
        assertThat(row.locator("td.notes")).hasText(NOTES);
        nothingPlanted(supervisor, "session log");

        row.locator("[data-customer]").click();
        assertThat(supervisor.locator("#customer-name")).hasText(CUSTOMER_NAME);
        Locator entry = supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']");
        assertThat(entry).containsText(ADVISOR_NAME);
        assertThat(entry).containsText(PURPOSE);
        assertThat(entry).containsText(COMMENT);
        assertThat(entry.locator("[data-docs]")).containsText(TITLE);
        nothingPlanted(supervisor, "customer timeline");

        supervisor.click(".tabs [data-view=audit]");
        Locator replayed = supervisor.locator("#audit-table tbody tr[data-action=replay]")
                .filter(new Locator.FilterOptions().setHasText(CUSTOMER_NAME)).first();
        assertThat(replayed.locator(".sentence")).containsText("replayed the session of " + CUSTOMER_NAME + " with "
                + ADVISOR_NAME);
        nothingPlanted(supervisor, "audit log");

        replayed.getByText("Open the session").click();
        assertThat(supervisor.locator("#replay-title")).hasText(CUSTOMER_NAME + " with " + ADVISOR_NAME);
        assertThat(supervisor.locator("#replay-meta")).containsText(PURPOSE);
        nothingPlanted(supervisor, "replay");

        String day = LocalDate.ofInstant(Instant.parse(as(SUPERVISOR).get("/api/sessions/" + id).then().extract()
                .path("createdAt")), ZoneOffset.UTC).toString();
        supervisor.click(".tabs [data-view=dashboard]");
        supervisor.fill("#dash-from", day);
        supervisor.fill("#dash-to", day);
        supervisor.click("#dash-apply");
        supervisor.waitForFunction("() => window.__tandemDashboard && window.__tandemDashboard.data.from.startsWith('"
                + day + "')");
        nothingPlanted(supervisor, "dashboard");
        supervisor.click(".tabs [data-view=follow-ups]");
        Locator followUp = supervisor.locator("#follow-up-table tbody tr[data-session='" + id
                + "'][data-reason=detractor]");
        assertThat(followUp).containsText(CUSTOMER_NAME);
        assertThat(followUp).containsText(ADVISOR_NAME);
        assertThat(followUp).containsText(COMMENT);
        nothingPlanted(supervisor, "follow-up list");
    }

    private static void nothingPlanted(Page page, String where) {
        assertEquals("", page.evaluate(PLANTED), "elements or script of the hostile text in the " + where);
    }
}
