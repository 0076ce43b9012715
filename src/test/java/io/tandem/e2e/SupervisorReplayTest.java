package io.tandem.e2e;

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
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
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
 * A shared session with a drawing and a control grant is recorded; the customer rates it 9; a supervisor finds it in
 * the session log, replays it (the customer's page in a script-less sandboxed frame, the chain verified, marks for
 * the drawing, the grant and the joins), reads the customer's timeline as a promoter and sees it on the dashboard.
 */
@QuarkusTest
class SupervisorReplayTest {

    /** The server's clock (the test profile's), which stamps recorded frames. */
    @Inject
    java.time.Clock clock;

    /** How far before its event a click on a mark lands (MARK_LEAD_MS in supervisor/replay-model.js). */
    private static final long MARK_LEAD_MS = 750;

    /** What the replay shows and holds of pointers, and the recording's pointer and presence frames with their times. */
    private static final String POINTERS_SEEN = """
            () => {
              const r = window.__tandemReplay;
              const mark = r.marks.find((m) => m.kind === 'annotation');
              return JSON.stringify({
                now: r.replayer.getCurrentTime(), mark: mark && mark.offset, first: r.first, start: r.start,
                shown: [...document.querySelectorAll('#player [data-pointer]')].map((g) => g.dataset.pointer),
                held: r.overlay && r.overlay.layer ? [...r.overlay.layer.model.pointers.entries()] : null,
                frames: (r.recording.frames || []).filter((f) => /^(ptr\\.|sys\\.presence|sys\\.stage|dom\\.nav|ann\\.begin)/
                  .test(f.t)).map((f) => [f.t, f.from, f.ts || f.at, (f.payload || '').slice(0, 160)]),
              });
            }""";

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);

    /** Another supervisor, who reads the recording through the API while the session runs (audited as theirs). */
    private static final String QUALITY = TestTokens.staff("sub-quality1", "quality1", "Quinn Quality", "supervisor");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private static JsonPath verification(String id) {
        return as(TestTokens.supervisor1()).get("/api/sessions/" + id + "/recording/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aSupervisorFindsReplaysAndReviewsARecordedSession() throws InterruptedException {
        JsonPath created = newSession(TestTokens.advisor1(), "Replay Rhea");
        String id = created.getString("id");
        String marker = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        Page customer = pages.customerSharing(created);
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);
        FrameLocator mirror = console.frameLocator("#mirror iframe");
        assertThat(mirror.locator("#hero-title")).isAttached(new LocatorAssertions.IsAttachedOptions()
                .setTimeout(10_000));
        console.waitForFunction("() => window.__tandemAnnotations");
        // both point: the customer moves over their page, the advisor over the mirror (pointers are recorded 4/s)
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");
        customer.mouse().move(120, 140);
        customer.mouse().move(320, 260, new Mouse.MoveOptions().setSteps(12));
        BoundingBox title = mirror.locator("#hero-title").boundingBox();
        console.mouse().move(title.x + 10, title.y + 10);
        console.mouse().move(title.x + 60, title.y + 30, new Mouse.MoveOptions().setSteps(12));
        Poll.until(Duration.ofSeconds(10), () -> as(QUALITY).get("/api/sessions/" + id
                + "/recording").then().extract().jsonPath().getList("frames.findAll { it.t == 'ptr.move' }.from")
                .stream().distinct().count() == 2, "both people's pointers recorded");
        // a click on the drawing's mark lands MARK_LEAD_MS (replay-model.js) before it: the pointers must be older
        // than that when the drawing starts (in a fast run the stroke began 535 ms after the first pointer frame,
        // and the mark landed before either pointer existed)
        long pointed = as(QUALITY).get("/api/sessions/" + id + "/recording").then().extract().jsonPath()
                .<Long>getList("frames.findAll { it.t == 'ptr.move' }.at", Long.class).stream()
                .mapToLong(Long::longValue).max().orElseThrow();
        Poll.until(Duration.ofSeconds(5), () -> clock.millis() > pointed + MARK_LEAD_MS + 250,
                "the pointers older than a mark's lead (on the server's clock, which stamps the frames)");

        // a pen stroke across the title
        console.click("#annotate-tools [data-tool=pen]");
        BoundingBox box = mirror.locator("#hero-title").boundingBox();
        double y = box.y + box.height / 2;
        console.mouse().move(box.x + 4, y);
        console.mouse().down();
        for (int i = 1; i <= 10; i++) {
            console.mouse().move(box.x + 4 + i * (box.width / 3) / 10, y);
            Browsers.nextFrame(console);
        }
        console.mouse().up();
        customer.waitForFunction("() => window.__tandem.annotations && window.__tandem.annotations.svg"
                + ".querySelector('g[data-id]')");
        // a control grant
        console.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent).isVisible();
        consent.locator("button[data-answer=page]").click();
        assertThat(console.locator("#ctl-status")).hasAttribute("data-state", "granted");

        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved", "notes", "Went through " + marker))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(rating).isVisible();
        rating.locator("[data-score='9']").click();
        rating.locator("button.send").click();
        assertThat(rating).hasAttribute("data-sent", "9");
        Poll.until(Duration.ofSeconds(10), () -> verification(id).getBoolean("complete"), "the recording complete");

        // the session log: filtered by a word of the notes, the session is there with its score
        Page supervisor = pages.staff(TestTokens.supervisor1());
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.fill("#filters [name=notes]", marker);
        supervisor.click("#filters button[type=submit]");
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row).isVisible(SLOW);
        assertThat(supervisor.locator("#session-table tbody tr")).hasCount(1);
        assertThat(row).containsText("Replay Rhea");
        assertThat(row).containsText("9");

        // the replay: the customer's page, in a frame that runs no script, verified, with marks
        row.locator("button.replay").click();
        FrameLocator replay = supervisor.frameLocator("#player iframe");
        assertThat(replay.locator("#hero-title")).isAttached(new LocatorAssertions.IsAttachedOptions()
                .setTimeout(10_000));
        assertEquals("allow-same-origin", supervisor.locator("#player iframe").getAttribute("sandbox"));
        assertThat(supervisor.locator("#chain-badge")).hasAttribute("data-state", "verified");
        assertThat(supervisor.locator("#chain-badge")).containsText("Recording verified");
        assertThat(supervisor.locator("#mark-bar .mark[data-kind=annotation]")).hasCount(1);
        assertTrue(supervisor.locator("#mark-bar .mark[data-kind=control]").count() >= 2, "request and grant");
        assertTrue(supervisor.locator("#mark-bar .mark[data-kind=presence]").count() >= 2, "customer and advisor");
        assertThat(supervisor.locator("#marks")).containsText("control granted to " + TestTokens.ADVISOR1_NAME);
        // paused at the drawing's mark: both people's pointers are shown where they were
        supervisor.locator("#marks [data-kind=annotation]").click();
        try {
            assertThat(supervisor.locator("#player [data-pointer]")).hasCount(2);
        } catch (AssertionError e) {
            // say what the replay held at that moment
            Object seen;
            try {
                seen = supervisor.evaluate(POINTERS_SEEN);
            } catch (RuntimeException unreadable) {
                seen = "(could not be read: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError("pointers at the drawing's mark: " + seen, e);
        }
        assertThat(supervisor.locator("#marks [data-kind=feedback]")).hasText(
                java.util.regex.Pattern.compile("customer rated 9/10 \\(promoter\\)"));
        supervisor.click(".speeds [data-speed='4']");
        assertThat(supervisor.locator(".speeds [data-speed='4']")).hasAttribute("aria-pressed", "true");
        // played from the start (from the drawing's mark the rest can be over at 4x before the button is read)
        supervisor.locator("#seek").fill("0");
        supervisor.click("#play");
        assertThat(supervisor.locator("#play")).hasText("Pause");
        supervisor.waitForFunction("() => window.__tandemReplay.replayer.getCurrentTime() > 500");
        // a seek while playing goes on playing from there
        supervisor.locator("#marks [data-kind=annotation]").click();
        supervisor.waitForFunction("() => { const r = window.__tandemReplay;"
                + " return r.replayer.getCurrentTime() > r.marks.find(m => m.kind === 'annotation').offset + 50; }");
        // played to the end: the advisor's stroke is drawn over the replayed page
        assertThat(supervisor.locator("#play")).hasText("Play", new LocatorAssertions.HasTextOptions()
                .setTimeout(20_000));
        assertThat(supervisor.locator("#player .tandem-annotation-root g[data-id]")).hasCount(1);

        // the customer's relationship timeline: a promoter
        supervisor.click("#replay-close");
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] [data-customer]").click();
        assertThat(supervisor.locator("#customer-name")).hasText("Replay Rhea");
        assertThat(supervisor.locator("#nps-category")).hasAttribute("data-category", "promoter");
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session='" + id + "']")).containsText(
                "9 · Promoter");

        // the dashboard over the session's day: charts drawn, the 9 counted as a promoter
        JsonPath session = as(TestTokens.supervisor1()).get("/api/sessions/" + id).then().extract().jsonPath();
        LocalDate day = LocalDate.ofInstant(Instant.parse(session.getString("createdAt")), ZoneOffset.UTC);
        JsonPath api = as(TestTokens.supervisor1()).queryParam("from", day.toString())
                .queryParam("to", day.toString()).get("/api/reports/dashboard").then().statusCode(200).extract()
                .jsonPath();
        supervisor.click(".tabs [data-view=dashboard]");
        supervisor.fill("#dash-from", day.toString());
        supervisor.fill("#dash-to", day.toString());
        supervisor.click("#dash-apply");
        supervisor.waitForFunction("() => window.__tandemDashboard && window.__tandemDashboard.data.from.startsWith('"
                + day + "')");
        Object sessions = supervisor.evaluate("() => window.__tandemDashboard.charts['chart-sessions'].data"
                + ".datasets[0].data.reduce((a, b) => a + b, 0)");
        assertEquals(api.getInt("days[0].sessions"), ((Number) sessions).intValue());
        Object promoters = supervisor.evaluate("() => window.__tandemDashboard.data.nps.overall.promoters");
        assertTrue(((Number) promoters).intValue() >= 1);
        assertEquals(api.getInt("nps.overall.promoters"), ((Number) promoters).intValue());
        Object painted = supervisor.evaluate("() => { const c = document.getElementById('chart-sessions');"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return c.width > 0; return false; }");
        assertEquals(true, painted, "the sessions chart is drawn");

        // the replay was audited, and the audit log shows it
        supervisor.click(".tabs [data-view=audit]");
        assertThat(supervisor.locator("#audit-table tbody tr[data-action=replay]").first()).containsText(
                "Sam Supervisor");
    }
}
