package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A warm transfer during a video call, in real Chromium pages with fake cameras: the customer's call never ends. The
 * first advisor hands the session to a colleague; their console leaves the session once the colleague is connected
 * but stays in the call until the colleague has joined it, so the customer is never alone in it; then the customer
 * talks on with the new advisor without starting a new call.
 */
@QuarkusTest
class TransferCallTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ALICE = TestTokens.advisor1();
    private static final String BEN = TestTokens.advisor2();
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(30);
    private static final LocatorAssertions.HasAttributeOptions UP = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(20_000);
    private static final Pattern CONNECTED = Pattern.compile("connected|relayed");

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    @Test
    void theCallCarriesOnThroughAWarmTransferWithoutTheCustomerStartingANewOne() {
        JsonPath created = newSession(ALICE, "Carla Call");
        String id = created.getString("id");
        Page alice = pages.staff(ALICE);
        alice.navigate(BASE + "/console/?session=" + id);
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        alice.click("#call .call-start");
        customer.click("#call .call-start");
        assertThat(customer.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "the customer sees Alice");
        // from here on, every state the customer's call passes through
        customer.evaluate("() => { window.__callStates = []; new MutationObserver(() => window.__callStates.push("
                + "document.getElementById('call').dataset.state)).observe(document.getElementById('call'),"
                + " { attributes: true, attributeFilter: ['data-state'] }); }");

        // Alice hands the session to Ben, who takes it over and opens it
        as(BEN).get("/api/invitations").then().statusCode(200);
        String ben = as(ALICE).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        String invitation = as(ALICE).body(Map.of("inviteeId", ben, "kind", "transfer"))
                .post("/api/sessions/" + id + "/invitations").then().statusCode(201).extract().path("id");
        as(BEN).post("/api/invitations/" + invitation + "/accept").then().statusCode(200);
        Page console = pages.staff(BEN);
        console.navigate(BASE + "/console/?session=" + id);

        // Alice's console leaves the session once Ben is connected, but stays in the call for him
        alice.waitForFunction("() => document.body.dataset.handedOver === 'left'", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
        assertThat(alice.locator("#ended-text")).containsText("You stay in the video call until Ben Baker joins it");
        assertThat(alice.locator("#call")).hasAttribute("data-state", CONNECTED, UP);

        // Ben joins the call: Alice's console leaves it, and the customer talks on with Ben
        console.click("#call .call-start");
        assertThat(alice.locator("#call")).hasAttribute("data-state", "ended", UP);
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "the customer sees Ben");
        PageConditions.until(console, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "Ben sees the customer");
        assertThat(customer.locator("#call .call-tile")).hasCount(1);
        assertThat(customer.locator("#call .call-tile .call-name")).hasText("Ben Baker");
        assertThat(customer.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) customer.evaluate("() => window.__callStates");
        // (connecting to Ben is fine: the call goes on meanwhile)
        assertEquals(List.of(), states.stream().filter(s -> List.of("idle", "ended", "waiting", "left", "full",
                "session-ended").contains(s)).toList(), "the customer's call never ended nor waited for a new start: "
                        + states);
    }
}
