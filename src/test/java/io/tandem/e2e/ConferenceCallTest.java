package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.CallMedia;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import io.tandem.video.SignalingTokens;
import io.tandem.video.SignalingUrl;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A video call of three in real Chromium pages with fake cameras, signalled through the embedded Jetty server: the
 * customer in the workspace, the advisor in the console, and a second advisor. The app has one advisor per session,
 * so the second one's signaling token is minted here and its page runs the product's own call panel (lib/call-panel.js,
 * bundled by the test build) on the app's origin (test-pages/conference.html). Each one decodes video from each of the two others, the tiles carry
 * their names, and one hanging up takes their tile away while the two others talk on.
 */
@QuarkusTest
class ConferenceCallTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SECOND_NAME = "Second Sage";
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(30);

    @Inject
    SignalingTokens tokens;

    @Inject
    SignalingUrl signalingUrl;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void threePeopleEachDecodeBothOthersSeeTheirNamesAndOneLeavingTakesOnlyTheirTile() {
        JsonPath created = newSession(ADVISOR1, "Mesh Mia");
        String id = created.getString("id");
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + id);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page second = secondAdvisor(id);

        // one after the other, so the room's order (and so each one's tiles) is known
        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        customer.click("#call .call-start");
        LocatorAssertions.HasAttributeOptions up = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
        Pattern connected = Pattern.compile("connected|relayed");
        assertThat(customer.locator("#call")).hasAttribute("data-state", connected, up);
        second.click("#call .call-start");

        for (Page page : List.of(console, customer, second)) {
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT,
                    "video decoded from each of the two others");
            assertThat(page.locator("#call")).hasAttribute("data-state", connected, up);
            assertThat(page.locator("#call .call-tile")).hasCount(2);
        }
        assertTiles(console, "Mesh Mia", SECOND_NAME);
        assertTiles(customer, TestTokens.ADVISOR1_NAME, SECOND_NAME);
        assertTiles(second, TestTokens.ADVISOR1_NAME, "Mesh Mia");
        assertThat(tile(console, "Mesh Mia").locator("video")).hasAttribute("aria-label", "Mesh Mia");

        // the second advisor hangs up: their tile goes on both other pages, and the two others talk on
        second.click("#call .call-hangup");
        assertThat(second.locator("#call")).hasAttribute("data-state", "ended");
        for (Page page : List.of(console, customer)) {
            assertThat(page.locator("#call .call-tile")).hasCount(1);
            assertThat(page.locator("#call")).hasAttribute("data-state", connected, up);
            assertThat(tile(page, SECOND_NAME)).hasCount(0);
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT,
                    "video still decoded from the other one");
        }

        // the last two: a hang-up ends it for both
        console.click("#call .call-hangup");
        assertThat(console.locator("#call")).hasAttribute("data-state", "ended");
        assertThat(customer.locator("#call")).hasAttribute("data-state", "ended");
    }

    @Test
    void fourPeopleEachDecodeTheThreeOthersAndAFifthIsToldTheCallIsFull() {
        JsonPath created = newSession(ADVISOR1, "Quad Quinn");
        String id = created.getString("id");
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + id);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page second = advisorPage(id, SECOND_NAME);
        Page third = advisorPage(id, "Third Thea");

        console.click("#call .call-start");
        assertThat(console.locator("#call")).hasAttribute("data-state", "waiting");
        customer.click("#call .call-start");
        LocatorAssertions.HasAttributeOptions up = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
        Pattern connected = Pattern.compile("connected|relayed");
        assertThat(customer.locator("#call")).hasAttribute("data-state", connected, up);
        second.click("#call .call-start");
        third.click("#call .call-start");
        for (Page page : List.of(console, customer, second, third)) {
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 3, MEDIA_WAIT,
                    "video decoded from each of the three others");
            assertThat(page.locator("#call .call-tile")).hasCount(3);
        }
        assertTiles(customer, TestTokens.ADVISOR1_NAME, SECOND_NAME, "Third Thea");
        assertTiles(third, TestTokens.ADVISOR1_NAME, "Quad Quinn", SECOND_NAME);

        // a fifth is refused by the room (4423) and told so in words; the four talk on
        Page fifth = advisorPage(id, "Fifth Finn");
        fifth.click("#call .call-start");
        assertThat(fifth.locator("#call")).hasAttribute("data-state", "full", up);
        assertThat(fifth.locator("#call .call-state")).hasText("The call is full, so you cannot join it from here.");
        for (Page page : List.of(console, customer, second, third)) {
            assertThat(page.locator("#call .call-tile")).hasCount(3);
            assertThat(page.locator("#call")).hasAttribute("data-state", connected, up);
        }
    }

    /** The page shows one tile labelled with each of these names (in whatever order the room has them). */
    private static void assertTiles(Page page, String... names) {
        assertThat(page.locator("#call .call-tile")).hasCount(names.length);
        for (String name : names) {
            assertThat(tile(page, name)).hasCount(1);
        }
    }

    private static Locator tile(Page page, String name) {
        // the names here are plain words: no need to escape them for the browser's RegExp
        return page.locator("#call .call-tile").filter(new Locator.FilterOptions().setHas(page.locator(".call-name",
                new Page.LocatorOptions().setHasText(Pattern.compile("^" + name + "$")))));
    }

    /** A page on the app's origin (a secure context, an allowed Origin) running the call panel as a second advisor. */
    private Page secondAdvisor(String sessionId) {
        return advisorPage(sessionId, SECOND_NAME);
    }

    /** A page on the app's origin running the call panel as an advisor of this name (a token minted here). */
    private Page advisorPage(String sessionId, String name) {
        UUID session = UUID.fromString(sessionId);
        String token = tokens.mint(session, "advisor-" + UUID.randomUUID(), "advisor", name).token();
        String grant = "{\"url\":\"" + signalingUrl.forSession(session) + "\",\"token\":\"" + token + "\"}";
        Page page = pages.anonymous();
        page.navigate(BASE + "/test-pages/conference.html#" + URLEncoder.encode(grant, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        assertThat(page.locator("#call .call-start")).isVisible();
        return page;
    }
}
