package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
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
 * Joining a call under way, in real Chromium pages with fake cameras. A warm transfer: the first advisor hands the
 * session to a colleague, whose console joins the running call by itself; the first console stays in the call until
 * the colleague's connection is up, so the customer's call never ends or restarts. A colleague who joins the session
 * is told who is on the call ("Alice Archer and the customer are on a call.") and joins it with "Join the call".
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
    void theNewLeadJoinsTheCallUnderWayByItselfAndTheCustomersCallNeverEnds() {
        JsonPath created = newSession(ALICE, "Carla Call");
        String id = created.getString("id");
        Page alice = pages.staff(ALICE);
        alice.navigate(BASE + "/console/?session=" + id);
        Page customer = inCallWithAlice(created, alice);
        // from here on, every state the customer's call passes through
        customer.evaluate("() => { window.__callStates = []; new MutationObserver(() => window.__callStates.push("
                + "document.getElementById('call').dataset.state)).observe(document.getElementById('call'),"
                + " { attributes: true, attributeFilter: ['data-state'] }); }");

        // Alice hands the session to Ben, who takes it over from his console's invitations
        Page console = consoleAtHome(BEN);
        String ben = as(ALICE).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        as(ALICE).body(Map.of("inviteeId", ben, "kind", "transfer")).post("/api/sessions/" + id + "/invitations")
                .then().statusCode(201);
        Locator takeOver = console.locator("#invitations li.invitation .inv-accept");
        assertThat(takeOver).hasText("Take over", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        takeOver.click();

        // Ben's console joins the call under way without anyone pressing anything; Alice's then leaves it
        assertThat(console.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        assertThat(alice.locator("#call")).hasAttribute("data-state", "ended", UP);
        assertEquals("left", alice.evaluate("() => document.body.dataset.handedOver"));
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "the customer sees Ben");
        PageConditions.until(console, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "Ben sees the customer");
        assertThat(customer.locator("#call .call-tile")).hasCount(1);
        assertThat(customer.locator("#call .call-tile .call-name")).hasText("Ben Baker");
        assertThat(customer.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        assertThat(console.locator("#call .call-running")).isHidden();
        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) customer.evaluate("() => window.__callStates");
        // (connecting to Ben is fine: the call goes on meanwhile)
        assertEquals(List.of(), states.stream().filter(s -> List.of("idle", "ended", "waiting", "left", "full",
                "session-ended").contains(s)).toList(), "the customer's call never ended nor waited for a new start: "
                        + states);
    }

    @Test
    void aColleagueIsToldWhoIsOnTheCallAndJoinsItWithOneClick() {
        JsonPath created = newSession(ALICE, "Cora Colleague");
        String id = created.getString("id");
        Page alice = pages.staff(ALICE);
        alice.navigate(BASE + "/console/?session=" + id);
        Page customer = inCallWithAlice(created, alice);

        Page console = consoleAtHome(BEN);
        String ben = as(ALICE).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        as(ALICE).body(Map.of("inviteeId", ben, "kind", "join")).post("/api/sessions/" + id + "/invitations")
                .then().statusCode(201);
        console.locator("#invitations li.invitation .inv-accept").click(new Locator.ClickOptions().setTimeout(10_000));

        // a colleague is not pulled into the call: he is told who talks, and joins it when he likes
        assertThat(console.locator("#call .call-running")).hasText("Alice Archer and the customer are on a call.",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(console.locator("#call .call-start")).hasText("Join the call");
        assertThat(console.locator("#call")).hasAttribute("data-state", "idle");
        assertThat(console.locator("#call .call-accept")).isHidden(); // no invitation besides the call under way
        console.click("#call .call-start");
        for (Page page : List.of(alice, customer, console)) {
            PageConditions.until(page, CallMedia.DECODES_FROM_EACH, 2, MEDIA_WAIT,
                    "video decoded from each of the two others");
            assertThat(page.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        }
        assertThat(console.locator("#call .call-running")).isHidden();
        assertThat(customer.locator("#call .call-tile .call-name")).hasText(new String[]{"Alice Archer", "Ben Baker"});

        // Ben hangs up: the call goes on, and his console offers it again in words
        console.click("#call .call-hangup");
        assertThat(console.locator("#call .call-running")).hasText("Alice Archer and the customer are on a call.",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(customer.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        // both others hang up: nobody is on a call, and the button starts one again
        alice.click("#call .call-hangup");
        assertThat(console.locator("#call .call-running")).isHidden();
        assertThat(console.locator("#call .call-start")).hasText("Start video call");
    }

    /** The customer in the join page's workspace, in a call with Alice that decodes her video. */
    private Page inCallWithAlice(JsonPath created, Page alice) {
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        alice.click("#call .call-start");
        customer.click("#call .call-start");
        assertThat(customer.locator("#call")).hasAttribute("data-state", CONNECTED, UP);
        PageConditions.until(customer, CallMedia.DECODES_FROM_EACH, 1, MEDIA_WAIT, "the customer sees Alice");
        return customer;
    }

    /** A console at home (no session open) whose invitations stream is open. */
    private Page consoleAtHome(String token) {
        Page console = pages.staff(token);
        console.navigate(BASE + "/console/");
        PageConditions.until(console, "() => window.__tandemInvitations && window.__tandemInvitations.state === 'open'",
                Duration.ofSeconds(10), "the invitations stream open");
        return console;
    }
}
