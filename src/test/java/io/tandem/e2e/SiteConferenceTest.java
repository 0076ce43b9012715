package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
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
import io.tandem.testing.CallMedia;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two advisors in a call with a customer on the firm's site, in real Chromium pages with fake cameras: the tile over
 * the site's page shows each advisor's picture, labelled with their name, in the size it has with one advisor, and the
 * customer decodes video from both. The second advisor joins from his console's "Join the call".
 */
@QuarkusTest
class SiteConferenceTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ALICE = TestTokens.advisor1();
    private static final String BEN = TestTokens.advisor2();
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(30);
    private static final Pattern LIVE = Pattern.compile("connected|relayed");
    private static final LocatorAssertions.HasAttributeOptions UP = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(20_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void theCustomerOnTheSiteSeesEachAdvisorsVideoWithTheirNameInTheTile() {
        JsonPath created = newSession(ALICE, "Tilly Tile");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page alice = pages.staff(ALICE);
        alice.navigate(BASE + "/console/?session=" + id);
        alice.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open", UP);
        tile.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join the call")).click();
        assertThat(tile).hasAttribute("data-state", LIVE, UP);
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "the customer sees Alice");
        BoundingBox alone = tile.locator(".tile").boundingBox();
        assertThat(tile.locator(".person .who")).isHidden(); // one advisor: the title says who it is

        // Ben (signed in once, so the directory knows him) joins the session on an invitation, and the call from his
        // console
        as(BEN).get("/api/invitations").then().statusCode(200);
        String ben = as(ALICE).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        String invitation = as(ALICE).body(Map.of("inviteeId", ben, "kind", "join"))
                .post("/api/sessions/" + id + "/invitations").then().statusCode(201).extract().path("id");
        as(BEN).post("/api/invitations/" + invitation + "/accept").then().statusCode(200);
        Page console = pages.staff(BEN);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("#call .call-running")).hasText("Alice Archer and the customer are on a call.",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        console.click("#call .call-start");

        // the customer decodes both advisors' video; each picture is labelled with its advisor's name
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT,
                "the customer decodes video from Alice and from Ben");
        assertThat(tile).hasAttribute("data-people", "2");
        assertThat(tile.locator(".person .who")).hasText(new String[]{"Alice Archer", "Ben Baker"});
        assertThat(tile.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName("Video call with Alice Archer and Ben Baker"))).isVisible();
        // each picture plays on the page (the video element has the decoded size), and the tile keeps its size
        PageConditions.until(customer,
                """
                        () => {
                          const root = document.querySelector('[data-tandem-ui=call]').shadowRoot;
                          const videos = [...root.querySelectorAll('.person video')];
                          return videos.length === 2 && videos.every((v) => v.videoWidth > 0 && v.getBoundingClientRect().width > 100);
                        }""",
                MEDIA_WAIT, "both advisors' pictures playing in the tile");
        BoundingBox both = tile.locator(".tile").boundingBox();
        assertEquals(alone.width, both.width, 1.0, "the tile is as wide as with one advisor");
        assertTrue(both.height <= alone.height + 4, "the tile grows by at most a few pixels: " + alone + " " + both);
        // inside the window, and the site's own page is still there around it
        assertTrue(both.x >= 0 && both.y >= 0 && both.x + both.width <= customer.viewportSize().width
                && both.y + both.height <= customer.viewportSize().height, "the tile fits the window");
        assertThat(customer.locator("#hero-title")).isVisible();
        PageConditions.until(console, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT, "Ben decodes Alice and the customer");
        PageConditions.until(alice, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT, "Alice decodes Ben and the customer");

        // Ben hangs up: his picture goes, Alice's fills the tile again
        console.click("#call .call-hangup");
        assertThat(tile.locator(".person")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(tile.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName("Video call with Alice Archer"))).isVisible();
        assertThat(tile).hasAttribute("data-state", LIVE, UP);
    }
}
