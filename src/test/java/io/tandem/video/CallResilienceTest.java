package io.tandem.video;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call goes on through what networks and servers do to it, between two real Chromium pages (the console and the
 * join page's workspace, fake camera and microphone): the signaling server drops every socket mid-call (it restarts,
 * closing them with 1001) and both sides reconnect with fresh tokens and negotiate a new peer connection over the new
 * sockets; an ICE restart exchanges new candidates while the same peer connection keeps decoding frames. Every wait
 * is on a condition: the receiving side's inbound-rtp statistics.
 */
@QuarkusTest
class CallResilienceTest {

    private static final String BASE = TestPorts.base();
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Pattern LIVE = Pattern.compile("connected|relayed");

    @Inject
    EmbeddedSignaling signaling;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /**
     * In both pages: what the call's current peer connection received ({frames}), its ICE user fragments, and a count
     * of the candidates each side sent and received (wrapped around the call's own send and receive).
     */
    private static final String PROBES = """
            () => {
              window.__frames = async () => {
                const call = window.__tandemCall;
                if (!call || !call.pc) return 0;
                const stats = await call.pc.getStats();
                let frames = 0;
                stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
                return frames;
              };
              const ufrag = (d) => { const m = d && /a=ice-ufrag:(\\S+)/.exec(d.sdp); return m ? m[1] : null; };
              window.__ufrags = () => {
                const pc = window.__tandemCall.pc;
                return { local: ufrag(pc.localDescription), remote: ufrag(pc.remoteDescription) };
              };
              const call = window.__tandemCall;
              window.__candidates = { sent: [], received: [] };
              const send = call.send.bind(call);
              call.send = (msg) => {
                if (msg.type === 'candidate' && msg.candidate) window.__candidates.sent.push(msg.candidate.usernameFragment);
                send(msg);
              };
              const received = call.received.bind(call);
              call.received = (msg) => {
                if (msg.type === 'candidate' && msg.candidate) window.__candidates.received.push(msg.candidate.usernameFragment);
                return received(msg);
              };
            }""";

    @Test
    void theSignalingServerClosesEverySocketMidCallAndFramesFlowAgainWithinFiveSecondsOverANewNegotiation() {
        Page[] call = callUnderWay("Resilient Rae");
        Page console = call[0];
        Page customer = call[1];
        for (Page page : call) {
            page.evaluate("() => { window.__before = { pc: window.__tandemCall.pc, ws: window.__tandemCall.ws }; }");
        }

        long closed = System.nanoTime();
        EmbeddedSignaling server = ClientProxy.unwrap(signaling);
        server.stop(new ShutdownEvent()); // every signaling socket closed with 1001 "server stopping"
        server.start(new StartupEvent());

        for (Page page : call) {
            // a new socket (a fresh token), a new peer connection negotiated over it, and its frames decoded
            PageConditions.until(page, """
                    async () => {
                      const call = window.__tandemCall;
                      return call.ws !== null && call.ws !== window.__before.ws && call.pc !== null
                        && call.pc !== window.__before.pc && (await window.__frames()) >= 5;
                    }""", null, Duration.ofMillis(5000), "a new socket, a new peer connection and its frames");
        }
        long gapMs = (System.nanoTime() - closed) / 1_000_000;
        System.out.println("CallResilienceTest frames again after the signaling server closed every socket (ms): "
                + gapMs);
        assertTrue(gapMs < 5_000, "frames flowing again " + gapMs + " ms after the close");
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(5));
        assertThat(customer.locator("#call")).hasAttribute("data-state", LIVE, within(5));
        assertEquals(Boolean.TRUE, console.evaluate("() => window.__before.pc.connectionState === 'closed'"),
                "the old peer connection is closed");
    }

    @Test
    void aForcedIceRestartExchangesNewCandidatesWhileTheSamePeerConnectionKeepsDecodingFrames() {
        Page[] call = callUnderWay("Restarting Ray");
        Page console = call[0];
        Page customer = call[1];
        for (Page page : call) {
            page.evaluate("async () => { window.__before = { pc: window.__tandemCall.pc, ufrags: window.__ufrags(),"
                    + " frames: await window.__frames() }; window.__candidates = { sent: [], received: [] }; }");
        }

        console.evaluate("() => window.__tandemCall.restartIce()"); // the advisor restarts ICE: a new offer

        for (Page page : call) {
            // new ICE credentials on both ends, and candidates of the new generation sent and received
            page.waitForFunction("""
                    () => {
                      const now = window.__ufrags();
                      const before = window.__before.ufrags;
                      return now.local !== before.local && now.remote !== before.remote
                        && window.__candidates.sent.includes(now.local)
                        && window.__candidates.received.includes(now.remote);
                    }""", null, new Page.WaitForFunctionOptions().setTimeout(10_000).setPollingInterval(50));
            // the same peer connection (no new call), still decoding: 30 more frames after the restart
            PageConditions.until(page, "async () => window.__tandemCall.pc === window.__before.pc"
                    + " && (await window.__frames()) >= window.__before.frames + 30", null, Duration.ofMillis(10000),
                    "the same peer connection decoding 30 more frames");
        }
        @SuppressWarnings("unchecked")
        List<String> sent = (List<String>) console.evaluate("() => window.__candidates.sent");
        String oldUfrag = (String) console.evaluate("() => window.__before.ufrags.local");
        assertTrue(sent.stream().noneMatch(oldUfrag::equals), "only candidates of the new generation: " + sent);
        assertNotEquals(oldUfrag, console.evaluate("() => window.__ufrags().local"));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(5));
        assertThat(customer.locator("#call")).hasAttribute("data-state", LIVE, within(5));
    }

    /** A call between the console and the join page's workspace, both decoding the other's camera. */
    private Page[] callUnderWay(String customerName) {
        JsonPath created = newSession(ADVISOR1, customerName);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        assertThat(customer.locator("#call .call-start")).isVisible();
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.locator("#call .call-start")).isVisible();
        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        customer.click("#call .call-start");
        assertThat(customer.locator("#call")).hasAttribute("data-state", LIVE, within(15));
        assertThat(console.locator("#call")).hasAttribute("data-state", LIVE, within(15));
        Page[] both = {console, customer};
        for (Page page : both) {
            page.evaluate(PROBES);
            PageConditions.until(page, "async () => (await window.__frames()) >= 10", null, Duration.ofMillis(10000),
                    "10 frames decoded");
        }
        return both;
    }

    private static LocatorAssertions.HasAttributeOptions within(int seconds) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(seconds * 1000.0);
    }
}
