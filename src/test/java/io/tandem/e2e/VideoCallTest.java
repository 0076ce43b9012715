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

    private static final String DECODED_VIDEO_FRAMES = """
            async () => {
              const call = window.__tandemCall;
              if (!call || !call.pc) return 0;
              const stats = await call.pc.getStats();
              let frames = 0;
              stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
              return frames;
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
        customer.waitForFunction("async () => (await (" + DECODED_VIDEO_FRAMES + ")()) > 0", null,
                new Page.WaitForFunctionOptions().setTimeout(5000).setPollingInterval(200));

        console.click("#call .call-mute");
        assertThat(customer.locator("#call")).hasAttribute("data-remote-audio", "muted");
        assertThat(customer.locator("#call .call-remote-mute")).containsText("microphone muted");
        console.click("#call .call-mute");
        assertThat(customer.locator("#call")).hasAttribute("data-remote-audio", "on");

        customer.waitForTimeout(1200); // at least a second of call for the touchpoint
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
