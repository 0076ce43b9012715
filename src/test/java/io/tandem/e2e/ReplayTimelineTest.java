package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay's timeline as a supervisor reads it: the customer's page changes are page changes (not a disconnection
 * and a reconnection each), the video call is marked where it started and ended, the replay is as long as the session
 * the log shows, a mark's click lands a moment before its event, and no "Replay" is offered anywhere for a session
 * with nothing to replay.
 */
@QuarkusTest
class ReplayTimelineTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);
    private static final LocatorAssertions.HasAttributeOptions CALL_TIME = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private static JsonPath session(String id) {
        return as(TestTokens.supervisor1()).get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The supervisor's session log, filtered by a word of the notes, showing the one session. */
    private Page sessionLog(String marker, String id) {
        Page supervisor = pages.staff(TestTokens.supervisor1());
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.fill("#filters [name=notes]", marker);
        supervisor.click("#filters button[type=submit]");
        assertThat(supervisor.locator("#session-table tbody tr[data-id='" + id + "']")).isVisible(SLOW);
        return supervisor;
    }

    private static double currentTime(Page supervisor) {
        return ((Number) supervisor.evaluate("() => window.__tandemReplay.replayer.getCurrentTime()")).doubleValue();
    }

    @Test
    void theReplayOfASessionWithTwoAdvisorsAndAStepInSaysWhoWasThereWhen() {
        String alice = TestTokens.advisor1();
        String ben = TestTokens.claims("sub-advisor2", "advisor2", "Ben Baker", "advisor").claim("team", "Claims")
                .sign();
        String sam = TestTokens.supervisor1();
        JsonPath created = newSession(alice, "Petra Present");
        String id = created.getString("id");
        String marker = "present-" + UUID.randomUUID().toString().substring(0, 8);
        pages.customerSharing(created);
        Page console = pages.staff(alice);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        // Ben of Claims joins on an invitation
        as(ben).get("/api/invitations").then().statusCode(200);
        String benId = as(alice).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        String invitation = as(alice).body(Map.of("inviteeId", benId, "kind", "join"))
                .post("/api/sessions/" + id + "/invitations").then().statusCode(201).extract().path("id");
        as(ben).post("/api/invitations/" + invitation + "/accept").then().statusCode(200);
        Page benConsole = pages.staff(ben);
        benConsole.navigate(BASE + "/console/?session=" + id);
        LocatorAssertions.ContainsTextOptions soon = new LocatorAssertions.ContainsTextOptions().setTimeout(10_000);
        assertThat(console.locator("#session-lines")).containsText("Ben Baker from Claims joined", soon);

        // the supervisor watches, steps in and steps back
        Page watching = pages.staff(sam);
        watching.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#supervisor-watching")).hasText("Sam Supervisor watching",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        as(sam).post("/api/sessions/" + id + "/step-in").then().statusCode(204);
        assertThat(console.locator("#session-lines")).containsText("Sam Supervisor joined the conversation", soon);
        as(sam).post("/api/sessions/" + id + "/step-out").then().statusCode(204);
        assertThat(console.locator("#session-lines")).containsText("Sam Supervisor left the conversation", soon);

        as(alice).body(Map.of("outcome", "resolved", "notes", "Claim explained " + marker))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> as(sam).get("/api/sessions/" + id + "/recording/verify").then()
                .extract().jsonPath().getBoolean("complete"), "the recording complete");

        Page supervisor = pages.staff(sam);
        supervisor.navigate(BASE + "/supervisor/?replay=" + id);
        supervisor.waitForFunction("() => window.__tandemReplay", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        List<String> presence = supervisor.locator("#marks [data-kind=presence]").allTextContents();
        List<String> wanted = List.of("Alice Archer joined", "Ben Baker from Claims joined",
                "Sam Supervisor started watching silently", "Sam Supervisor stepped into the conversation",
                "Sam Supervisor stepped back to watching");
        int previous = -1;
        for (String line : wanted) {
            int at = indexOf(presence, line);
            assertTrue(at > previous, "'" + line + "' after the lines before it: " + presence);
            previous = at;
        }
        // each line is placed at its time on the replay's clock, and its mark on the bar takes the player there
        @SuppressWarnings("unchecked")
        List<Number> offsets = (List<Number>) supervisor.evaluate("(wanted) => wanted.map((w) => window.__tandemReplay"
                + ".marks.find((m) => m.label === w).offset)", wanted.subList(1, wanted.size()));
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(offsets.get(i).doubleValue() >= offsets.get(i - 1).doubleValue(), "in time order: " + offsets);
        }
        assertThat(supervisor.locator("#mark-bar .mark[title$=' Sam Supervisor stepped into the conversation']"))
                .hasCount(1);
    }

    private static int indexOf(List<String> lines, String line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + line)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void pageChangesAndTheCallAreMarkedTheReplayLastsAsLongAsTheSessionAndAMarkLandsJustBefore() {
        JsonPath created = newSession(TestTokens.advisor1(), "Timeline Tess");
        String id = created.getString("id");
        String marker = "timeline-" + UUID.randomUUID().toString().substring(0, 8);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);

        // a call between the advisor and the customer, hung up by the advisor
        assertThat(customer.locator("#call .call-start")).isVisible();
        assertThat(console.locator("#call .call-start")).isVisible();
        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        customer.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", Pattern.compile("connected|relayed"),
                CALL_TIME);
        assertThat(customer.locator("#call")).hasAttribute("data-state", Pattern.compile("connected|relayed"),
                CALL_TIME);
        console.click("#call .call-hangup");
        assertThat(customer.locator("#call")).hasAttribute("data-state", "ended");

        // the customer goes on to the site and through two of its pages
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(console.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        customer.locator("a[href='/demo/claims.html']").first().click();
        customer.waitForURL("**/demo/claims.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true"
                + " && window.__tandem.connection === 'open'");
        Poll.until(Duration.ofSeconds(10), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + id
                + "/recording").then().extract().jsonPath().getList("frames.findAll { it.t == 'dom.nav' && it.k =="
                        + " 'load' }.payload")
                .stream().anyMatch(p -> String.valueOf(p).contains("Claims")), "the claims page's load recorded");

        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved", "notes", "Walked through " + marker))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + id
                + "/recording/verify").then().extract().jsonPath().getBoolean("complete"), "the recording complete");
        int loggedSeconds = session(id).getInt("durationSeconds");

        Page supervisor = sessionLog(marker, id);
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] button.replay").click();
        supervisor.waitForFunction("() => window.__tandemReplay");
        assertThat(supervisor.frameLocator("#player iframe").locator("#hero-title")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        // the page changes are navigation marks, and nobody "disconnected" or "reconnected" because of them
        Locator navigation = supervisor.locator("#marks [data-kind=navigation]");
        assertThat(navigation.filter(new Locator.FilterOptions().setHasText("opened Harbor Mutual – Claims")))
                .hasCount(1);
        assertTrue(navigation.count() >= 2, "the home page and the claims page: " + navigation.allTextContents());
        List<String> presence = supervisor.locator("#marks [data-kind=presence]").allTextContents();
        assertTrue(presence.stream().anyMatch(t -> t.contains("Timeline Tess joined")), presence.toString());
        assertFalse(presence.stream().anyMatch(t -> t.contains("disconnected") || t.contains("reconnected")),
                "page changes are not presence changes: " + presence);

        // the call: where it started and where it ended
        Locator call = supervisor.locator("#marks [data-kind=call]");
        assertThat(call).hasCount(2);
        assertThat(call.first()).containsText("video call started");
        assertThat(call.nth(1)).containsText("video call ended after");
        assertThat(supervisor.locator("#mark-bar .mark[data-kind=call]")).hasCount(2);

        // as long as the session in the log: from its start to its end
        double total = ((Number) supervisor.evaluate("() => window.__tandemReplay.total")).doubleValue();
        assertTrue(Math.abs(total / 1000 - loggedSeconds) < 1, "replay of " + total + " ms, logged " + loggedSeconds
                + " s");
        assertThat(supervisor.locator("#time")).hasText(Pattern.compile(".* / " + loggedSeconds / 60 + ":"
                + String.format("%02d", loggedSeconds % 60) + "$"));

        // a mark's click lands three quarters of a second before its event (clamped to the start)
        for (String kind : List.of("navigation", "call")) {
            Locator mark = supervisor.locator("#marks [data-kind=" + kind + "]").last();
            double offset = ((Number) supervisor.evaluate("(kind) => window.__tandemReplay.marks.filter((m) =>"
                    + " m.kind === kind).pop().offset", kind)).doubleValue();
            mark.click();
            double expected = Math.max(0, offset - 750);
            supervisor.waitForFunction("(at) => Math.abs(window.__tandemReplay.replayer.getCurrentTime() - at) < 1",
                    expected);
            assertTrue(currentTime(supervisor) < offset, kind + " mark: before its event");
        }

        // the slider seeks to the millisecond (no rounding past the time asked for)
        double asked = Math.floor(total / 2) + 37;
        supervisor.evaluate("(at) => { const seek = document.getElementById('seek'); seek.value = String(at);"
                + " seek.dispatchEvent(new Event('input')); }", asked);
        assertEquals(asked, currentTime(supervisor), 0.5);
    }

    @Test
    void noReplayIsOfferedForASessionWithNothingToReplay() {
        JsonPath created = newSession(TestTokens.advisor1(), "Unshared Ursula");
        String id = created.getString("id");
        String marker = "unshared-" + UUID.randomUUID().toString().substring(0, 8);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#call .call-start")).isVisible();

        // the session ends without a page or a document shared: the recording holds joins and leaves only
        as(TestTokens.advisor1()).body(Map.of("outcome", "follow_up", "notes", "Nothing shown " + marker))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> {
            JsonPath v = as(TestTokens.supervisor1()).get("/api/sessions/" + id + "/recording/verify").then()
                    .extract().jsonPath();
            return v.getBoolean("complete") && v.getInt("frames") > 0;
        }, "the joins recorded and the recording complete");
        assertFalse(session(id).getBoolean("recorded"), "nothing to replay");
        String customerId = session(id).getString("customer.id");

        // the session log
        Page supervisor = sessionLog(marker, id);
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row.locator("button.replay")).hasCount(0);
        assertThat(row).containsText("No recording");

        // the customer's relationship timeline
        row.locator("[data-customer]").click();
        Locator entry = supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']");
        assertThat(entry).isVisible();
        assertThat(entry.locator("[data-replay]")).hasCount(0);
        assertThat(entry).containsText("No recording");

        // the follow-up list (the outcome asks for one)
        supervisor.click(".tabs [data-view=follow-ups]");
        Locator followUp = supervisor.locator("#follow-up-table tbody tr[data-session='" + id + "']");
        assertThat(followUp).isVisible(SLOW);
        assertThat(followUp.locator("[data-replay]")).hasCount(0);
        assertThat(followUp).containsText("No recording");

        // the console's ended state, for a supervisor: the touchpoint, no replay
        Page watcher = pages.staff(TestTokens.supervisor1());
        watcher.navigate(BASE + "/console/?session=" + id);
        assertThat(watcher.locator("#ended-title")).hasText("Session ended");
        assertThat(watcher.locator("#ended-touchpoint")).hasAttribute("href", "/supervisor/?customer=" + customerId);
        assertThat(watcher.locator("#ended-replay")).isHidden();
    }
}
