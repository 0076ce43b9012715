package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The video call on the firm's site: the demo site served from 127.0.0.1 with tandem.js from Tandem's origin
 * (localhost), as a firm on its own domain embeds it, so the tile's signaling token and ICE servers cross origins. Real
 * Chromium pages with the fake camera and microphone; every wait is on a condition, and media are judged by
 * monotonic counters of the receiving side's inbound-rtp statistics (framesDecoded, totalAudioEnergy,
 * totalSamplesDuration).
 */
@QuarkusTest
class SiteVideoCallTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String SITE = TestPorts.site();
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Pattern LIVE = Pattern.compile("connected|relayed");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * In every page of both sides: {frames, energy, audioSeconds} received by the current peer connection of the
     * page's call (the console's, or the tile's on the site), or null without one.
     */
    private static final String INBOUND = """
            window.__inbound = async () => {
              const call = window.__tandemCall || (window.__tandem && window.__tandem.call);
              if (!call || !call.pc) return null;
              const stats = await call.pc.getStats();
              const r = { frames: 0, energy: 0, audioSeconds: 0 };
              stats.forEach((s) => {
                if (s.type !== 'inbound-rtp') return;
                if (s.kind === 'video') r.frames += s.framesDecoded || 0;
                if (s.kind === 'audio') {
                  r.energy += s.totalAudioEnergy || 0;
                  r.audioSeconds += s.totalSamplesDuration || 0;
                }
              });
              return r;
            };
            window.__callPc = () => {
              const call = window.__tandemCall || (window.__tandem && window.__tandem.call);
              return call ? call.pc : null;
            };""";

    /** The advisor's console samples its inbound video every 25 ms to time the gap after each of the site's loads. */
    private static final String GAP_MONITOR = """
            () => {
              const m = { pc: null, frames: 0, markedPc: null, markedAt: 0, resumedAt: null, states: [] };
              window.__gap = m;
              m.mark = () => { m.markedPc = window.__tandemCall.pc; m.markedAt = Date.now(); m.resumedAt = null;
                m.states = []; };
              setInterval(async () => {
                const call = window.__tandemCall;
                const pc = call && call.pc;
                if (!pc) return;
                const stats = await pc.getStats();
                let frames = 0;
                stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
                if (pc !== m.pc) {
                  m.pc = pc;
                  m.frames = 0;
                }
                if (frames > m.frames && m.markedPc && pc !== m.markedPc && m.resumedAt === null) m.resumedAt = Date.now();
                m.frames = Math.max(m.frames, frames);
              }, 25);
              new MutationObserver(() => m.states.push(document.getElementById('call').dataset.state))
                .observe(document.getElementById('call'), { attributes: true, attributeFilter: ['data-state'] });
            }""";

    @Test
    void theAdvisorCallsTheCustomerOnTheSiteTheTileStaysOutOfTheMirrorAndTheCallSurvivesThreePageLoads() {
        JsonPath created = newSession(ADVISOR1, "Sailing Sol");
        Page customer = customerOnTheSite(created);
        Page console = console(created);

        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open", within(10));
        assertThat(tile.getByText("Alice Archer invites you to a video call.")).isVisible();
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join the call")).click();
        assertThat(tile).hasAttribute("data-state", LIVE, within(15));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));
        assertThat(tile.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName("Video call with Alice Archer"))).isVisible();
        framesGrow(customer);
        framesGrow(console);

        // the tile is the customer's own: never in the advisor's mirror, not even as a video element
        Locator mirror = console.frameLocator("#mirror iframe").locator("body");
        assertThat(mirror).containsText("Harbor Mutual",
                new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(mirror).not().containsText("invites you to a video call");
        assertThat(mirror).not().containsText("Hang up");
        assertThat(console.frameLocator("#mirror iframe").locator("video")).hasCount(0);

        // three pages of the site: each rejoins the call by itself; the advisor says "Reconnecting…" meanwhile
        console.evaluate(GAP_MONITOR);
        List<Long> gaps = new ArrayList<>();
        for (String page : new String[]{"/demo/quote.html", "/demo/claims.html", "/demo/index.html"}) {
            console.evaluate("() => window.__gap.mark()");
            customer.locator("header a[href='" + page + "']").first().click();
            console.waitForFunction("() => window.__gap.resumedAt !== null", null,
                    new Page.WaitForFunctionOptions().setTimeout(20_000).setPollingInterval(25));
            long gap = ((Number) console.evaluate("() => window.__gap.resumedAt - window.__gap.markedAt"))
                    .longValue();
            gaps.add(gap);
            assertTrue(customer.url().endsWith(page), customer.url());
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) console.evaluate("() => window.__gap.states");
            assertTrue(states.contains("reconnecting"), "the advisor saw the customer reconnecting: " + states);
            assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));
            assertThat(tile).hasAttribute("data-state", LIVE, within(15));
            framesGrow(customer);
        }
        System.out.println("SiteVideoCallTest media gaps after the site's page loads (ms): " + gaps);
        for (long gap : gaps) {
            // the target is 1.5 s on loopback (docs/performance.md has the measured values); this bound only says
            // the call came back on its own rather than by some timeout
            assertTrue(gap < 10_000, "media gap after a page load: " + gaps);
        }

        // the advisor hangs up: it ends on the site too, and the next page does not rejoin
        console.click("#call .call-hangup");
        assertThat(tile).hasAttribute("data-state", "ended", within(10));
        assertThat(tile.getByText("Call ended")).isVisible();
        customer.reload();
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(customer.locator("[data-tandem-ui=call]")).hasCount(0);
    }

    @Test
    void theCustomerCallsFromTheBannerAndBothSidesSeeAndHearEachOtherMuteAndCameraOffShowOnTheOtherSide() {
        JsonPath created = newSession(ADVISOR1, "Sounding Sam");
        Page customer = customerOnTheSite(created);
        Page console = console(created);

        customer.locator("[data-tandem-ui=banner]").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Start a video call with Alice Archer")).click();
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-state", "waiting", within(10));
        assertThat(tile.locator(".state")).hasText("Waiting for Alice Archer to join…");
        assertThat(console.locator("#call")).hasAttribute("data-invitation", "open", within(10));
        assertThat(console.locator("#call .call-invite-text")).hasText("Sounding Sam invites you to a video call.");
        console.click("#call .call-accept");
        assertThat(tile).hasAttribute("data-state", LIVE, within(15));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));

        // video both ways, and sound both ways (the fake microphone beeps)
        framesGrow(customer);
        framesGrow(console);
        energyGrows(customer);
        energyGrows(console);

        // the customer mutes: the advisor hears nothing more; unmuted, the sound is back
        Locator mute = tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mute"));
        mute.click();
        assertThat(mute).hasAttribute("aria-pressed", "true");
        assertThat(console.locator("#call")).hasAttribute("data-remote-audio", "muted", within(10));
        energyStops(console);
        mute.click();
        assertThat(console.locator("#call")).hasAttribute("data-remote-audio", "on", within(10));
        energyGrows(console);

        // the customer's camera off: the advisor sees a placeholder; on again: frames and picture are back
        Locator camera = tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Camera off"));
        camera.click();
        assertThat(console.locator("#call .call-placeholder")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(10_000));
        assertThat(console.locator("#call .call-placeholder")).hasText("Sounding Sam's camera is off");
        assertThat(tile.locator(".local-off")).isVisible();
        camera.click();
        assertThat(console.locator("#call .call-placeholder")).isHidden(new LocatorAssertions.IsHiddenOptions()
                .setTimeout(10_000));
        framesGrow(console);

        // and the other way round: the advisor mutes and turns the camera off
        console.click("#call .call-mute");
        assertThat(tile).hasAttribute("data-remote-audio", "muted", within(10));
        energyStops(customer);
        console.click("#call .call-mute");
        energyGrows(customer);
        console.click("#call .call-camera");
        assertThat(tile.locator(".placeholder")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        assertThat(tile.locator(".placeholder")).hasText("Alice Archer's camera is off");
        console.click("#call .call-camera");
        assertThat(tile.locator(".placeholder")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(10_000));
        framesGrow(customer);

        // the tile moves by keyboard and by pointer, and minimises to its title bar while the call goes on
        Locator move = tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move the video call"));
        BoundingBox before = tile.locator(".tile").boundingBox();
        move.focus();
        customer.keyboard().press("ArrowUp");
        customer.keyboard().press("ArrowRight");
        BoundingBox moved = tile.locator(".tile").boundingBox();
        assertEquals(before.y - 24, moved.y, 1.0);
        assertEquals(before.x + 24, moved.x, 1.0);
        BoundingBox bar = tile.locator(".bar").boundingBox();
        customer.mouse().move(bar.x + 20, bar.y + bar.height / 2);
        customer.mouse().down();
        customer.mouse().move(bar.x + 220, bar.y + bar.height / 2 - 150,
                new com.microsoft.playwright.Mouse.MoveOptions()
                        .setSteps(5));
        customer.mouse().up();
        BoundingBox dragged = tile.locator(".tile").boundingBox();
        assertEquals(moved.x + 200, dragged.x, 1.0);
        assertEquals(moved.y - 150, dragged.y, 1.0);

        Locator minimise = tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Minimise the video call"));
        minimise.focus();
        customer.keyboard().press("Enter");
        assertThat(tile).hasAttribute("data-minimised", "true");
        assertThat(tile.locator(".remote")).isHidden();
        Locator restore = tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Show the video call"));
        assertThat(restore).hasAttribute("aria-expanded", "false");
        framesGrow(console); // the customer still sends while minimised
        restore.press("Enter");
        assertThat(tile).hasAttribute("data-minimised", "false");
        assertThat(tile.locator(".remote")).isVisible();
        framesGrow(customer);

        // where the tile is and that the microphone is muted survive a reload
        mute.click();
        assertThat(console.locator("#call")).hasAttribute("data-remote-audio", "muted", within(10));
        customer.reload();
        assertThat(tile).hasAttribute("data-state", LIVE, within(15));
        assertThat(tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mute")))
                .hasAttribute("aria-pressed", "true");
        BoundingBox reloaded = tile.locator(".tile").boundingBox();
        assertEquals(dragged.x, reloaded.x, 1.0);
        assertEquals(dragged.y, reloaded.y, 1.0);
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));
        assertThat(console.locator("#call")).hasAttribute("data-remote-audio", "muted", within(10));
        framesGrow(console);

        // the customer hangs up in the tile: the call ends on both sides
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hang up")).click();
        assertThat(console.locator("#call")).hasAttribute("data-state", "ended", within(10));
        assertThat(tile).hasAttribute("data-state", "ended");
    }

    @Test
    void theCustomerMayDeclineTheAdvisorsInvitation() {
        JsonPath created = newSession(ADVISOR1, "Declining Dee");
        Page customer = customerOnTheSite(created);
        Page console = console(created);
        console.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open", within(10));
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not now")).click();
        assertThat(console.locator("#call")).hasAttribute("data-declined", "true", within(10));
        assertThat(console.locator("#call .call-problem")).hasText("Declining Dee can't take a video call right now.");
        assertThat(console.locator("#call")).hasAttribute("data-state", "idle");
        assertThat(customer.locator("[data-tandem-ui=call]")).hasCount(0);
        // a page load later the declined invitation does not come back
        customer.reload();
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        console.click("#call .call-start"); // a new one does
        assertThat(customer.locator("[data-tandem-ui=call]")).hasAttribute("data-invitation", "open", within(10));
        assertThat(customer.locator("[data-tandem-ui=call]")).hasCount(1);
    }

    private Page customerOnTheSite(JsonPath created) {
        Page customer = pages.customerOnTheSite(created, INBOUND);
        assertTrue(customer.url().startsWith(SITE), customer.url());
        return customer;
    }

    private Page console(JsonPath created) {
        Page console = pages.staff(ADVISOR1);
        console.context().addInitScript(INBOUND);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.locator("#call .call-start")).isVisible();
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        return console;
    }

    private static LocatorAssertions.HasAttributeOptions within(int seconds) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(seconds * 1000.0);
    }

    /** Video frames keep arriving: framesDecoded of the page's current peer connection grows by 10 from now. */
    private static void framesGrow(Page page) {
        grows(page, "frames", 10);
    }

    /** Sound arrives: the received audio energy grows (the fake microphone's beeps). */
    private static void energyGrows(Page page) {
        grows(page, "energy", 1e-6);
    }

    private static void grows(Page page, String counter, double by) {
        PageConditions.until(page, """
                async ([counter, by]) => {
                  const now = await window.__inbound();
                  if (!now) return false;
                  const w = window.__grows;
                  if (!w || w.counter !== counter || w.pc !== window.__callPc()) {
                    window.__grows = { counter, base: now[counter], pc: window.__callPc() };
                    return false;
                  }
                  return now[counter] >= w.base + by;
                }""", List.of(counter, by), Duration.ofMillis(20_000), counter + " growing by " + by);
        page.evaluate("() => { window.__grows = null; }");
    }

    /**
     * No sound arrives any more although audio keeps being played out: two seconds of received audio
     * (totalSamplesDuration) without the energy growing. While sound still arrives (the last beeps before the mute) the
     * window starts again, so this waits for the silence rather than for a fixed time. Silence is energy growing by under
     * 1e-6 in the window: the fake microphone's beeps add about 0.03 a second, while a muted track still decodes to a
     * residue of about 1e-9 a second (seen under load: a threshold of 1e-9 per window then never saw the silence).
     */
    private static void energyStops(Page page) {
        PageConditions.until(page,
                """
                        async () => {
                          const now = await window.__inbound();
                          if (!now) return false;
                          const w = window.__silence;
                          if (!w || w.pc !== window.__callPc() || now.energy > w.energy + 1e-6) {
                            window.__silence = { energy: now.energy, seconds: now.audioSeconds, pc: window.__callPc() };
                            return false;
                          }
                          return now.audioSeconds - w.seconds >= 2 || JSON.stringify({now, w: { energy: w.energy, seconds: w.seconds }});
                        }""",
                null, Duration.ofMillis(20_000), "the received sound stopping");
        page.evaluate("() => { window.__silence = null; }");
    }
}
