package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.PseudoLocale;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3 for the supervisor page: it speaks the staff member's language. In the pseudo-locale en-XA (the
 * browser's), where every translated message is wrapped in ⟦…⟧, every view — the session log with rows, a filter chip
 * and the filters, a replay open with its marks, the customer's relationship timeline, the dashboard with a ladder
 * list open, the follow-ups, the audit log and the settings with branding, sites and webhooks — shows no visible text
 * node, aria-label, placeholder or title (through open shadow roots) without the markers; only the replayed page, names
 * and codes (translate="no") and text without letters pass. A supervisor whose browser speaks German reads German,
 * switches to Dutch in the header, reads Dutch, and still does after a reload.
 */
@QuarkusTest
class SupervisorLanguagesTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    /** A supervisor who is an admin too: the settings' forms (sites, webhooks) are shown to admins only. */
    private static final String LINGUIST = TestTokens.staff("sub-linguist1", "linguist1", "Lin Guist", "admin",
            "supervisor");
    private static final String PSEUDO = PseudoLocale.PSEUDO;
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * The untranslated text of one state, after waiting up to 3 s for there to be none (a view may still be filling
     * in); each is recorded with the state's name, and the test fails at the end with every state's.
     */
    private static void translated(Page page, String state, List<String> failures) {
        Map<String, Object> scope = Map.of();
        try {
            PageConditions.until(page, "(scope) => { const r = (" + PseudoLocale.UNTRANSLATED + ")(scope);"
                    + " return r.untranslated.length === 0 && r.translated > 0; }", scope, Duration.ofSeconds(3),
                    state);
        } catch (AssertionError e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) page.evaluate(PseudoLocale.UNTRANSLATED, scope);
            @SuppressWarnings("unchecked")
            List<String> untranslated = (List<String>) result.get("untranslated");
            untranslated.forEach(text -> failures.add(state + " | " + text));
        }
    }

    private static JsonPath verification(String id) {
        return as(TestTokens.supervisor1()).get("/api/sessions/" + id + "/recording/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void everyViewOfTheSupervisorPageIsTranslated() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String marker = "lingo-" + suffix;
        JsonPath created = newSession(ADVISOR, "Lingo Lena " + suffix);
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");
        // escalated: a follow-up opens for the advisor
        as(ADVISOR).body(Map.of("outcome", "escalated", "notes", "Escalated " + marker)).post("/api/sessions/" + id
                + "/end").then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> verification(id).getBoolean("complete"), "the recording complete");
        JsonPath session = as(LINGUIST).get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
        String customerId = session.getString("customer.id");
        // a move on the loyalty ladder by hand: the timeline shows it between the touchpoints
        as(LINGUIST).body(Map.of("rung", "client", "reason", "Three policies " + marker))
                .put("/api/customers/" + customerId + "/rung").then().statusCode(200);
        String day = LocalDate.ofInstant(Instant.parse(session.getString("createdAt")), ZoneOffset.UTC).toString();

        List<String> failures = new ArrayList<>();
        Page supervisor = pages.staffSpeaking(LINGUIST, PSEUDO);
        supervisor.navigate(BASE + "/supervisor/");
        assertEquals(PSEUDO, supervisor.evaluate("() => document.documentElement.lang"),
                "the browser's language is the page's");

        // the session log: a filter applied, the rows, a chip of one customer
        supervisor.fill("#filters [name=notes]", marker);
        supervisor.click("#filters button[type=submit]");
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row).isVisible(SLOW);
        assertThat(supervisor.locator("#session-table tbody tr")).hasCount(1);
        translated(supervisor, "session log, filtered", failures);
        row.locator("td:nth-child(2) button.link").nth(1).click();
        assertThat(supervisor.locator("#chips .chip")).hasCount(1);
        translated(supervisor, "session log, a customer's chip", failures);

        // the replay, verified, with its marks
        row.locator("button.replay").click();
        assertThat(supervisor.locator("#chain-badge")).hasAttribute("data-state", "verified",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(supervisor.locator("#marks li").first()).isVisible(SLOW);
        translated(supervisor, "replay", failures);
        supervisor.locator("#seek").fill("0");
        supervisor.click("#play");
        translated(supervisor, "replay, playing or played", failures);

        // the customer's relationship timeline
        supervisor.click("#replay-close");
        row.locator("[data-customer]").click();
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']")).isVisible(SLOW);
        assertThat(supervisor.locator("#timeline-table tbody tr.ladder-move")).not().hasCount(0);
        translated(supervisor, "customer timeline", failures);

        // the dashboard over the session's day, and the list behind the client rung's bar
        supervisor.click(".tabs [data-view=dashboard]");
        // the default period's charts first: a slower first answer must not close the list opened below
        supervisor.waitForFunction("() => window.__tandemLadder && window.__tandemDashboard");
        supervisor.fill("#dash-from", day);
        supervisor.fill("#dash-to", day);
        supervisor.click("#dash-apply");
        supervisor.waitForFunction("day => window.__tandemLadder && window.__tandemLadder.report.from.startsWith(day)"
                + " && window.__tandemDashboard && window.__tandemDashboard.data.from.startsWith(day)", day);
        supervisor.evaluate("() => window.__tandemLadder.open('client', 'customers')");
        assertThat(supervisor.locator("#ladder-drill")).isVisible(SLOW);
        translated(supervisor, "dashboard", failures);
        assertEquals("en-GB", supervisor.evaluate(
                "() => window.__tandemDashboard.charts['chart-sessions'].options.locale"),
                "Chart.js formats numbers in the page's locale (en-XA's is en-GB)");
        @SuppressWarnings("unchecked")
        List<String> legends = (List<String>) supervisor.evaluate("() => window.__tandemDashboard.charts"
                + "['chart-sessions'].data.datasets.map((d) => d.label)");
        legends.forEach(label -> {
            if (!label.startsWith("\u27e6")) {
                failures.add("dashboard | chart legend: " + label);
            }
        });

        // the follow-ups, everyone's open ones
        supervisor.click(".tabs [data-view=follow-ups]");
        assertThat(supervisor.locator("#follow-up-table tbody tr").first()).isVisible(SLOW);
        translated(supervisor, "follow-ups", failures);

        // the audit log
        supervisor.click(".tabs [data-view=audit]");
        assertThat(supervisor.locator("#audit-table tbody tr").first()).isVisible(SLOW);
        translated(supervisor, "audit log", failures);

        // the settings: product settings, branding, sites and webhooks, as an admin sees them
        supervisor.click(".tabs [data-view=settings]");
        assertThat(supervisor.locator("#settings-status")).not().isEmpty();
        assertThat(supervisor.locator("#branding-status")).not().isEmpty();
        assertThat(supervisor.locator("#sites-table tbody tr").first()).isVisible(SLOW);
        assertThat(supervisor.locator("#webhooks-table tbody tr").first()).isVisible(SLOW);
        assertThat(supervisor.locator("#webhooks-events label").first()).isVisible();
        translated(supervisor, "settings", failures);
        // a colour that is not one yet, and a site origin added from the page
        supervisor.fill("#brand-colour", "#12");
        assertThat(supervisor.locator("#brand-contrast")).hasAttribute("data-i18n", "supervisor.branding.typeHex");
        String origin = "https://lingo-" + suffix + ".example";
        try {
            supervisor.fill("#site-origin", origin);
            supervisor.click("#site-add");
            assertThat(supervisor.locator("#sites-form")).hasAttribute("data-outcome", "done",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
            assertThat(supervisor.locator("#sites-table tr[data-origin='" + origin + "']")).isVisible();
            translated(supervisor, "settings, a colour being typed and a site added", failures);
        } finally {
            as(LINGUIST).queryParam("origin", origin).delete("/api/admin/sites");
        }

        if (!failures.isEmpty()) {
            fail("text not from the message files:\n" + String.join("\n", new LinkedHashSet<>(failures)));
        }
    }

    @Test
    void aGermanSupervisorSwitchesToDutchAndKeepsIt() {
        Page supervisor = pages.staffSpeaking(TestTokens.supervisor1(), "de-DE");
        supervisor.navigate(BASE + "/supervisor/");
        assertThat(supervisor.locator(".tabs [data-view=log]")).hasText("Sitzungsprotokoll");
        assertThat(supervisor.locator("#page-info")).containsText("Seite 1 von");
        assertThat(supervisor.locator("#session-table [data-sort=customer]")).hasText("Kunde");
        assertThat(supervisor.locator("#staff-language")).hasValue("de");
        assertEquals("de", supervisor.evaluate("() => document.documentElement.lang"));
        assertEquals("Tandem Supervisor", supervisor.title());

        // the dashboard in German; the switch draws it again in Dutch, charts included
        supervisor.click(".tabs [data-view=dashboard]");
        assertThat(supervisor.locator("#dash-summary")).containsText("Sitzung");
        supervisor.waitForFunction("() => window.__tandemDashboard && window.__tandemDashboard.charts['chart-sessions']"
                + ".data.datasets[0].label === 'Sitzungen'");
        supervisor.selectOption("#staff-language", "nl");
        assertThat(supervisor.locator(".tabs [data-view=log]")).hasText("Sessielogboek");
        assertThat(supervisor.locator("#dash-apply")).hasText("Tonen");
        assertThat(supervisor.locator("#dash-summary")).containsText("sessie");
        supervisor.waitForFunction("() => window.__tandemDashboard.charts['chart-sessions'].data.datasets[0].label"
                + " === 'Sessies' && window.__tandemDashboard.charts['chart-sessions'].options.locale === 'nl'");
        assertEquals("nl", supervisor.evaluate("() => document.documentElement.lang"));
        supervisor.click(".tabs [data-view=log]");
        assertThat(supervisor.locator("#page-info")).containsText("Pagina 1 van");
        assertThat(supervisor.locator("#session-table [data-sort=customer]")).hasText("Klant");

        supervisor.reload();
        assertThat(supervisor.locator(".tabs [data-view=log]")).hasText("Sessielogboek");
        assertThat(supervisor.locator("#staff-language")).hasValue("nl");
        assertThat(supervisor.locator("#page-info")).containsText("Pagina 1 van");
        assertEquals("nl", supervisor.evaluate("() => document.documentElement.lang"));
    }
}
