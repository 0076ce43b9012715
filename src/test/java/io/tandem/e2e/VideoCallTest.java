package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.CallMedia;
import io.tandem.testing.PageConditions;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Advisor and customer talk face to face: a real peer connection between two Chromium pages with fake camera and
 * microphone, signalled through the embedded Jetty signaling server; mute shows on the other side, a hang-up ends it
 * on both, and the call's seconds reach the touchpoint.
 */
@QuarkusTest
class VideoCallTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** Seconds of the other side's audio this page's call has received and played out (inbound-rtp). */
    private static final String RECEIVED_AUDIO_SECONDS = """
            async () => {
              const call = window.__tandemCall;
              if (!call || !call.pc) return 0;
              const stats = await call.pc.getStats();
              let seconds = 0;
              stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') seconds += s.totalSamplesDuration || 0; });
              return seconds;
            }""";

    @Test
    void advisorAndCustomerSeeAndHearEachOtherMuteShowsAndHangingUpEndsItForBoth() {
        JsonPath created = newSession(ADVISOR1, "Video Vic");
        String id = created.getString("id");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        assertThat(customer.locator("#call .call-start")).isVisible();
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#call .call-start")).isVisible();

        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        customer.click("#call .call-start");
        LocatorAssertions.HasAttributeOptions fiveSeconds = new LocatorAssertions.HasAttributeOptions()
                .setTimeout(10_000);
        assertThat(customer.locator("#call")).hasAttribute("data-state", Pattern.compile("connected|relayed"),
                fiveSeconds);
        assertThat(console.locator("#call")).hasAttribute("data-state", Pattern.compile("connected|relayed"),
                fiveSeconds);
        assertThat(customer.locator("#call .call-state")).hasText("Connected");

        // the customer decodes the advisor's camera within 5 s of connecting
        PageConditions.until(customer, "async () => (await (" + CallMedia.DECODED_VIDEO_FRAMES + ")()) > 0", null,
                Duration.ofMillis(5000), "the advisor's camera decoded");

        console.click("#call .call-mute");
        assertThat(customer.locator("#call")).hasAttribute("data-remote-audio", "muted");
        assertThat(customer.locator("#call .call-remote-mute")).containsText("microphone muted");
        console.click("#call .call-mute");
        assertThat(customer.locator("#call")).hasAttribute("data-remote-audio", "on");

        // the customer has played 1.2 s of the advisor's sound (counted from the track's start, silence before the
        // connection included)
        PageConditions.until(customer, "async () => (await (" + RECEIVED_AUDIO_SECONDS + ")()) >= 1.2", null,
                Duration.ofMillis(10000), "1.2 s of the advisor's sound played");
        // and the call lasts whole seconds for the touchpoint: it counts from the first answer, so media keep
        // flowing 1.5 s from now
        CallMedia.awaitMediaFor(customer, 1500);
        console.click("#call .call-hangup");
        assertThat(console.locator("#call")).hasAttribute("data-state", "ended");
        assertThat(customer.locator("#call")).hasAttribute("data-state", "ended");
        assertTrue((Boolean) customer.evaluate("() => window.__tandemCall.pc === null"));

        // the call's seconds count into the session's touchpoint once the session ends
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        String customerId = as(ADVISOR1).get("/api/sessions/" + id).then().extract().path("customer.id");
        int seconds = Poll.until(Duration.ofSeconds(5), () -> as(ADVISOR1).get("/api/customers/" + customerId
                + "/timeline").then().statusCode(200).extract().jsonPath().getInt("items[0].counters.videoSeconds"),
                s -> s > 0, "video seconds on the touchpoint");
        assertTrue(seconds >= 1, "video seconds on the touchpoint: " + seconds);
    }
}
