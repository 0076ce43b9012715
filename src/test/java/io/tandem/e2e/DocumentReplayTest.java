package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session in which the advisor shows a 3-page policy (pages 1 and 2) and goes back to the live page is replayed:
 * the timeline marks the document's opening and closing, and a panel beside the replayed page follows the replay's
 * time with the document's title, version and page, draws that page and the box the advisor drew on it.
 */
@QuarkusTest
class DocumentReplayTest {

    private static final String BASE = CoBrowsingTest.BASE;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * Seeks the replay to halfway between the first recorded frame of `type` (a doc.view: of page `page`) and the next
     * frame recorded later, or (before = true) halfway between the last frame recorded earlier and it: the state the
     * replay shows there is the state just after (before) that frame, however close in time its neighbours were.
     */
    private static void seekBeside(Page supervisor, String type, int page, boolean before) {
        supervisor.evaluate("([type, page, before]) => { const r = window.__tandemReplay; const frames = r.recording"
                + ".frames; const f = frames.find((x) => x.t === type && (type !== 'doc.view'"
                + " || JSON.parse(x.payload).page === page));"
                + " const other = before ? frames.filter((x) => x.at < f.at).pop() : frames.find((x) => x.at > f.at);"
                + " const at = other ? (f.at + other.at) / 2 : f.at + (before ? -100 : 100);"
                + " const seek = document.getElementById('seek'); seek.value = String(at - r.start);"
                + " seek.dispatchEvent(new Event('input')); }", List.of(type, page, before));
    }

    @Test
    void theReplayMarksTheDocumentAndShowsWhichPageWasOnScreen() throws InterruptedException {
        String title = "Pet Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(TestTokens.advisor1(), title, 3, "Pet", "2026-04");
        JsonPath created = newSession(TestTokens.advisor1(), "Replay Rory");
        String id = created.getString("id");
        String marker = "docreplay-" + UUID.randomUUID().toString().substring(0, 8);
        pages.customerSharing(created);
        Page console = pages.staff(TestTokens.advisor1());
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.frameLocator("#mirror iframe").locator("body")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(console.locator("#documents[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        console.click("#documents [data-doc=next]");
        assertThat(console.locator("#documents")).hasAttribute("data-page", "2");
        // a box on page 2, from 30 % to 60 % of the page's width and 35 % to 45 % of its height
        console.click("#documents [data-doc=tool][data-tool=rect]");
        console.locator("#documents .doc-scroll").scrollIntoViewIfNeeded();
        BoundingBox page = console.locator("#documents .doc-page").boundingBox();
        console.mouse().move(page.x + 0.30 * page.width, page.y + 0.35 * page.height);
        console.mouse().down();
        console.mouse().move(page.x + 0.60 * page.width, page.y + 0.45 * page.height,
                new Mouse.MoveOptions().setSteps(10));
        console.mouse().up();
        assertThat(console.locator("#documents .tandem-annotations g[data-id][data-done]")).hasCount(1);
        console.click("#documents [data-doc=close]");
        assertThat(console.locator("#documents")).hasAttribute("data-state", "closed");
        // the closing has reached the relay's recording before the session ends
        Poll.until(Duration.ofSeconds(10), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + id
                + "/recording").then().extract().jsonPath().getList("frames.t").contains("doc.close"),
                "the closing recorded");

        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved", "notes", "Read " + marker))
                .post("/api/sessions/" + id + "/end").then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + id
                + "/recording/verify").then().extract().jsonPath().getBoolean("complete"), "the recording complete");

        Page supervisor = pages.staff(TestTokens.supervisor1());
        supervisor.navigate(BASE + "/supervisor/");
        supervisor.fill("#filters [name=notes]", marker);
        supervisor.click("#filters button[type=submit]");
        Locator row = supervisor.locator("#session-table tbody tr[data-id='" + id + "']");
        assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        row.locator("button.replay").click();
        supervisor.waitForFunction("() => window.__tandemReplay");

        // the timeline marks the opening and the closing
        assertThat(supervisor.locator("#mark-bar .mark[data-kind=document]")).hasCount(2);
        assertThat(supervisor.locator("#marks [data-kind=document]").first()).containsText(
                "document opened: " + title);
        Locator panel = supervisor.locator("#replay-document");
        assertThat(panel).isHidden(); // at the start the customer's page was on screen

        // the opening's mark lands a moment before it: the customer's page is still on screen
        supervisor.locator("#marks [data-kind=document]").first().click();
        supervisor.waitForFunction("() => { const r = window.__tandemReplay; const m = r.marks.find((x) =>"
                + " x.kind === 'document'); return Math.abs(r.replayer.getCurrentTime() - Math.max(0, m.offset - 750))"
                + " < 1; }");
        assertThat(panel).isHidden();

        // just after the opening: page 1 of the version, drawn
        seekBeside(supervisor, "doc.open", 0, false);
        assertThat(panel).isVisible();
        assertThat(panel.locator("[data-doc=title]")).hasText(title);
        assertThat(panel.locator("[data-doc=version]")).hasText("version 2026-04 of 3 pages");
        assertThat(panel.locator("[data-doc=page]")).hasText("page 1, 100 %");
        assertThat(panel).hasAttribute("data-rendered", versionId + ":1",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(panel.locator(".doc-page[data-page='1'] canvas")).isVisible();

        // a moment after the advisor turned to page 2: page 2 is on screen in the replay
        seekBeside(supervisor, "doc.view", 2, false);
        assertThat(panel.locator("[data-doc=page]")).hasText("page 2, 100 %");
        assertThat(panel).hasAttribute("data-rendered", versionId + ":2");
        assertThat(panel.locator(".doc-page[data-page='2'] canvas")).isVisible();

        // just before the closing: the box drawn on page 2 is over the same part of the page in the replay
        seekBeside(supervisor, "doc.close", 0, true);
        Locator box = panel.locator(".doc-page[data-page='2'] .tandem-annotations g[data-id] rect");
        assertThat(box).hasCount(1);
        // the layer draws on the next animation frame: wait until the box stands where it was drawn
        String measure = "(r) => { const p = r.closest('.doc-page').getBoundingClientRect();"
                + " const b = r.getBoundingClientRect(); return {x0: (b.left - p.left) / p.width,"
                + " y0: (b.top - p.top) / p.height, x1: (b.right - p.left) / p.width, y1: (b.bottom - p.top) / p.height}; }";
        Map<String, Double> drawn = Map.of("x0", 0.30, "y0", 0.35, "x1", 0.60, "y1", 0.45);
        Poll.until(Duration.ofSeconds(5), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> at = (Map<String, Object>) box.evaluate(measure);
            return at;
        }, at -> drawn.entrySet().stream().allMatch(
                e -> Math.abs(((Number) at.get(e.getKey())).doubleValue() - e.getValue()) < 0.03),
                "the box over 30-60 % by 35-45 % of page 2");

        // the closing's mark lands a moment before it; just after it, the live page again: no document panel;
        // seeking back brings it back
        supervisor.locator("#marks [data-kind=document]").nth(1).click();
        supervisor.waitForFunction("() => { const r = window.__tandemReplay; const m = r.marks.filter((x) =>"
                + " x.kind === 'document')[1]; return Math.abs(r.replayer.getCurrentTime() - Math.max(0, m.offset"
                + " - 750)) < 1; }");
        seekBeside(supervisor, "doc.close", 0, false);
        assertThat(panel).isHidden();
        seekBeside(supervisor, "doc.open", 0, false);
        assertThat(panel.locator("[data-doc=page]")).hasText("page 1, 100 %");

        // the customer's relationship timeline names the document, its version and the pages read
        supervisor.click("#replay-close");
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] [data-customer]").click();
        assertThat(supervisor.locator("#timeline-table tbody tr[data-session='" + id + "'] [data-docs]"))
                .containsText(title + " (2026-04): pages 1, 2, ");
    }
}
