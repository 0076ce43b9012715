package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.CallMedia;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A supervisor in the video call, in real Chromium pages with fake cameras: watching silently they have no call; once
 * stepped in (Watch live → Step in) their console offers the call under way, and they join it like an advisor, the
 * customer and the advisor decoding their video; stepping back hangs up, and the two others talk on.
 */
@QuarkusTest
class StepInCallTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ALICE = TestTokens.advisor1();
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(30);
    private static final Pattern LIVE = Pattern.compile("connected|relayed");
    private static final LocatorAssertions.HasAttributeOptions UP = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(20_000);
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void aSupervisorWhoStepsInJoinsTheCallAndStepsBackOutOfIt() {
        JsonPath created = newSession(ALICE, "Stella Stream");
        String id = created.getString("id");
        Page alice = pages.staff(ALICE);
        alice.navigate(BASE + "/console/?session=" + id);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        alice.click("#call .call-start");
        customer.click("#call .call-start");
        assertThat(customer.locator("#call")).hasAttribute("data-state", LIVE, UP);

        // watching silently: no call for the supervisor
        Page sam = pages.staff(TestTokens.supervisor1());
        sam.navigate(BASE + "/supervisor/");
        sam.locator("tr[data-id='" + id + "'] a.watch-live").click(new com.microsoft.playwright.Locator.ClickOptions()
                .setTimeout(10_000));
        assertThat(alice.locator("#supervisor-watching")).hasText("Sam Supervisor watching",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(sam.locator("#call")).isHidden();

        // stepped in: the call under way is offered, and joined like an advisor
        sam.click("#step-in");
        assertThat(sam.locator("#call")).isVisible(SOON);
        assertThat(sam.locator("#call .call-running")).hasText("Alice Archer and the customer are on a call.",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        sam.click("#call .call-start");
        for (Page page : List.of(alice, customer, sam)) {
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT,
                    "video decoded from each of the two others");
            assertThat(page.locator("#call")).hasAttribute("data-state", LIVE, UP);
        }
        assertThat(customer.locator("#call .call-tile .call-name")).hasText(new String[]{"Alice Archer",
                "Sam Supervisor"});

        // stepping back hangs up: the supervisor's media leave the call, the two others talk on
        sam.click("#step-out");
        assertThat(sam.locator("#call")).hasAttribute("data-state", "ended", UP);
        assertThat(sam.locator("#call")).isHidden();
        for (Page page : List.of(alice, customer)) {
            assertThat(page.locator("#call .call-tile")).hasCount(1, new LocatorAssertions.HasCountOptions()
                    .setTimeout(10_000));
            assertThat(page.locator("#call")).hasAttribute("data-state", LIVE, UP);
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "video still decoded");
        }
        assertThat(customer.locator("#call .call-tile .call-name")).hasText("Alice Archer");
    }
}
