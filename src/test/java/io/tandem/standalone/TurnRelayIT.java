package io.tandem.standalone;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import io.tandem.testing.BrowserPages;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TURN for real: coturn (Debian's package) runs with the app's shared secret ({@code use-auth-secret}), the app hands
 * browsers its URL with short-lived credentials, and both browsers are held to relayed candidates only
 * ({@code iceTransportPolicy: 'relay'}, as a network that blocks direct UDP would): frames are decoded on both sides
 * and each side's candidate of the selected pair is a relayed one (its own TURN allocation).
 */
class TurnRelayIT {

    @RegisterExtension
    static final StandaloneDeployment DEPLOYMENT = new StandaloneDeployment("a").withTurn();

    /** Every peer connection of the page gathers relayed candidates only. */
    private static final String RELAY_ONLY = """
            (() => {
              const Native = window.RTCPeerConnection;
              window.RTCPeerConnection = class extends Native {
                constructor(config, ...rest) { super({ ...(config || {}), iceTransportPolicy: 'relay' }, ...rest); }
              };
            })()""";

    /** The type of this side's candidate in the selected pair of the page's call ("relay" through TURN). */
    private static final String SELECTED_PAIR = """
            async () => {
              const pc = window.__tandemCall && window.__tandemCall.pc;
              if (!pc) return null;
              const stats = await pc.getStats();
              let pair = null;
              stats.forEach((s) => {
                if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
              });
              if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
              if (!pair) return null;
              return stats.get(pair.localCandidateId).candidateType;
            }""";

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
        BrowserCall.closeAll();
    }

    @Test
    void aCallHeldToRelayedCandidatesDecodesFramesThroughCoturn() {
        BrowserCall call = BrowserCall.open(DEPLOYMENT, pages, "Relayed Rita", RELAY_ONLY, RELAY_ONLY);
        call.start();
        BrowserCall.awaitFrames(call.customer, 30);
        BrowserCall.awaitFrames(call.console, 30);
        for (Page side : List.of(call.customer, call.console)) {
            assertEquals("relay", side.evaluate(SELECTED_PAIR), "this side's candidate of the selected pair");
        }
        // and the advisor is told, in words
        assertThat(call.console.locator(".call-state").first()).hasText("Connected (relayed via TURN)");
        call.hangUp();
    }
}
