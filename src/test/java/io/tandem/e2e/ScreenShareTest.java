package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Screen sharing in the call, with Chromium's fake capture (getDisplayMedia answers with a fake screen under
 * --use-fake-ui-for-media-stream): the advisor shares from the console and the customer on the firm's site decodes
 * frames of the shared surface; stopping brings the camera back; the advisor asks and the customer shares only after
 * pressing "Share my screen" in the tile, or declines. The picture goes in the same peer connection (the video
 * sender's track is replaced), never a new call. Every wait is on a condition of the getStats() counters.
 */
@QuarkusTest
class ScreenShareTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Pattern LIVE = Pattern.compile("connected|relayed");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * In every page: the call (console's or tile's), what its peer connection decodes ({frames, width, height}) and
     * which track its video sender sends now.
     */
    private static final String PROBES = """
            window.__call = () => window.__tandemCall || (window.__tandem && window.__tandem.call);
            window.__video = async () => {
              const pc = window.__call() && window.__call().pc;
              if (!pc) return null;
              const stats = await pc.getStats();
              const r = { frames: 0, width: 0, height: 0, sending: null, sentWidth: 0, sentHeight: 0 };
              stats.forEach((s) => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') {
                  r.frames += s.framesDecoded || 0;
                  r.width = s.frameWidth || 0;
                  r.height = s.frameHeight || 0;
                }
                if (s.type === 'outbound-rtp' && s.kind === 'video' && s.mediaSourceId && (s.framesEncoded || 0) > 0) {
                  const source = stats.get(s.mediaSourceId);
                  r.sending = source ? source.trackIdentifier : null;
                  r.sentWidth = s.frameWidth || 0;
                  r.sentHeight = s.frameHeight || 0;
                }
              });
              return r;
            };
            window.__tracks = () => {
              const call = window.__call();
              const camera = call.local && call.local.getVideoTracks()[0];
              const screen = call.screen;
              return { camera: camera ? camera.id : null, screen: screen ? screen.id : null };
            };""";

    @Test
    void theAdvisorSharesAScreenTheCustomerSharesWhenAskedAndStoppingRestoresTheCamera() {
        JsonPath created = newSession(ADVISOR1, "Sharing Shay");
        Page customer = pages.customerOnTheSite(created, PROBES);
        Page console = pages.staff(ADVISOR1);
        console.context().addInitScript(PROBES);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        console.waitForFunction("() => document.body.dataset.relay === 'open'");

        console.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open", within(10));
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join the call")).click();
        assertThat(tile).hasAttribute("data-state", LIVE, within(15));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));
        framesGrow(customer);
        framesGrow(console);
        customer.evaluate("() => { window.__firstPc = window.__call().pc; }");
        console.evaluate("() => { window.__firstPc = window.__call().pc; }");

        // the advisor shares: the console sends the screen's track, the customer decodes frames of its size
        console.click("#call .call-share");
        assertThat(console.locator("#call")).hasAttribute("data-screen", "sharing", within(10));
        assertThat(console.locator("#call .call-share")).hasText("Stop sharing");
        sends(console, "screen");
        decodesSize(customer, console);
        assertThat(tile).hasAttribute("data-remote-screen", "on", within(10));
        assertThat(tile.getByText("Alice Archer is sharing their screen.")).isVisible();
        samePeerConnection(customer);
        samePeerConnection(console);

        // stopping restores the camera
        console.click("#call .call-share");
        assertThat(console.locator("#call")).hasAttribute("data-screen", "off", within(10));
        sends(console, "camera");
        assertThat(tile).hasAttribute("data-remote-screen", "off", within(10));
        framesGrow(customer);
        samePeerConnection(customer);

        // the advisor asks; nothing is shared until the customer says yes in the tile
        console.click("#call .call-ask-screen");
        assertThat(tile).hasAttribute("data-screen-ask", "open", within(10));
        assertThat(tile.getByText("Alice Archer asks to see your screen. You choose what to share.")).isVisible();
        sends(customer, "camera");
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Share my screen")).click();
        assertThat(tile).hasAttribute("data-screen", "sharing", within(10));
        sends(customer, "screen");
        decodesSize(console, customer);
        assertThat(console.locator("#call")).hasAttribute("data-remote-screen", "on", within(10));
        assertThat(console.locator("#call .call-remote-screen")).hasText("Sharing Shay is sharing their screen.");
        samePeerConnection(console);

        // the customer stops in the tile: their camera is back
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop sharing")).click();
        assertThat(tile).hasAttribute("data-screen", "off", within(10));
        sends(customer, "camera");
        assertThat(console.locator("#call")).hasAttribute("data-remote-screen", "off", within(10));
        framesGrow(console);

        // asked again, the customer declines: the advisor is told, nothing is shared
        console.click("#call .call-ask-screen");
        assertThat(tile).hasAttribute("data-screen-ask", "open", within(10));
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not now")).click();
        assertThat(console.locator("#call")).hasAttribute("data-screen-declined", "true", within(10));
        assertThat(console.locator("#call .call-problem")).hasText(
                "Sharing Shay would rather not share their screen now.");
        assertThat(tile).hasAttribute("data-screen-ask", "none");
        sends(customer, "camera");
        assertEquals(Boolean.TRUE, customer.evaluate("() => window.__call().screen == null"));
    }

    /** The page's video sender sends the given track now ("camera" or "screen"), and frames of it are encoded. */
    private static void sends(Page page, String which) {
        PageConditions.until(page, """
                async (which) => {
                  const v = await window.__video();
                  const id = window.__tracks()[which];
                  return v !== null && id !== null && v.sending === id;
                }""", which, Duration.ofMillis(10_000), "the " + which + " track sent");
    }

    /**
     * The receiving page decodes the frames the sending page encodes from its shared screen: the same size as the
     * sender's outbound stream while it sends the screen track, and ten more frames of it. The size is the encoder's,
     * read from getStats(), not the track's settings: Chromium's fake capture may report a size in its settings
     * (1280x860) other than the one of the frames it delivers (1280x720).
     */
    private static void decodesSize(Page receiver, Page sender) {
        long[] base = {-1};
        Poll.until(Duration.ofSeconds(15), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> sent = (Map<String, Object>) sender.evaluate("async () => {"
                    + " const v = await window.__video(); const t = window.__tracks();"
                    + " return { screen: t.screen, sending: v && v.sending,"
                    + " width: v ? v.sentWidth : 0, height: v ? v.sentHeight : 0 }; }");
            @SuppressWarnings("unchecked")
            Map<String, Object> got = (Map<String, Object>) receiver.evaluate("() => window.__video()");
            boolean screenSent = sent.get("screen") != null && sent.get("screen").equals(sent.get("sending"))
                    && number(sent, "width") > 0;
            boolean sameSize = got != null && number(got, "width") == number(sent, "width")
                    && number(got, "height") == number(sent, "height");
            if (!screenSent || !sameSize) {
                base[0] = -1;
                return Map.of("sent", sent, "decoded", String.valueOf(got));
            }
            if (base[0] < 0) {
                base[0] = number(got, "frames");
            }
            return number(got, "frames") >= base[0] + 10 ? Boolean.TRUE : Map.of("sent", sent, "decoded", got);
        }, Boolean.TRUE::equals, "frames of the shared screen decoded at the size it is sent");
    }

    private static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static void samePeerConnection(Page page) {
        assertEquals(Boolean.TRUE, page.evaluate("() => window.__call().pc === window.__firstPc"),
                "the same peer connection: no new call");
    }

    private static void framesGrow(Page page) {
        PageConditions.until(page, """
                async () => {
                  const v = await window.__video();
                  if (!v) return false;
                  if (window.__base === undefined || window.__base === null) window.__base = v.frames;
                  return v.frames >= window.__base + 10;
                }""", null, Duration.ofMillis(15_000), "video frames growing");
        page.evaluate("() => { window.__base = null; }");
    }

    private static LocatorAssertions.HasAttributeOptions within(int seconds) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(seconds * 1000.0);
    }
}
