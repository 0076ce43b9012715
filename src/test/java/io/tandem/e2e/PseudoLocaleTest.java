package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.uploadPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PseudoLocale;
import io.tandem.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3: the customer's browser speaks the pseudo-locale en-XA, in which every translated message is wrapped
 * in ⟦…⟧ (lib/i18n.js). Every page and state a customer meets is rendered — the join page (code, a wrong code,
 * consent), the workspace (advisor connected, a call invitation, the advisor's page with the drawing tools, the
 * document viewer, the end with the rating), and tandem.js on the firm's site (the sharing pill and drawing tools,
 * the control prompt and banner, the call tile, the stage prompt, the rating card, the help button and its code) —
 * and every visible text node and every visible aria-label, placeholder and title, through open shadow roots, must
 * carry the markers. Only what is not Tandem's words passes without: the firm's own page (the site around tandem.js,
 * the advisor's page mirrored in the workspace, the policy document's text), elements marked translate="no" (names, the firm's name, codes,
 * the language switch's own names) and text without letters (numbers, the 0–10 scale).
 */
@QuarkusTest
class PseudoLocaleTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    private static final String PSEUDO = PseudoLocale.PSEUDO;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private static void allTranslated(Page page, Map<String, Object> scope, String state) {
        PseudoLocale.allTranslated(page, scope, state);
    }

    private static void joinPageTranslated(Page page, String state) {
        // the advisor's page mirrored, and the policy document's own words (pdf.js's text layer), are the firm's
        allTranslated(page, Map.of("exclude", "#workspace-mirror, .textLayer"), state);
    }

    private static void tandemTranslated(Page page, String state) {
        allTranslated(page, Map.of("tandem", true), state);
    }

    private static LocatorAssertions.IsVisibleOptions within(int seconds) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(seconds * 1000.0);
    }

    @Test
    void theJoinPageAndTheWorkspaceShowOnlyTranslatedText() {
        String title = "Pseudo Cover " + UUID.randomUUID().toString().substring(0, 8);
        String versionId = uploadPolicy(ADVISOR, title, 2, "Home", "2026-01");
        JsonPath created = newSession(ADVISOR, "Pseudo Pia");
        String id = created.getString("id");
        Page customer = pages.speaking(PSEUDO);

        customer.navigate(BASE + "/join");
        assertThat(customer.locator("#enter-code")).isVisible();
        assertEquals(PSEUDO, customer.evaluate("() => document.documentElement.lang"),
                "the browser's language is the page's");
        joinPageTranslated(customer, "join page: type a code");
        customer.fill("#code", "999999");
        customer.click("#code-form button[type=submit]");
        assertThat(customer.locator("#error")).isVisible();
        joinPageTranslated(customer, "join page: a code that does not exist");

        customer.navigate("about:blank"); // the link only differs from /join in its fragment: load it afresh
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#consent")).isVisible();
        joinPageTranslated(customer, "consent");

        customer.click("#accept");
        assertThat(customer.locator("#joined")).isVisible();
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(customer.locator("#joined-status[data-advisor=connected]")).isAttached();
        joinPageTranslated(customer, "workspace, advisor connected");

        console.click("#call .call-start");
        assertThat(customer.locator("#call .call-invite:not(.call-screen-ask)")).isVisible(within(10));
        joinPageTranslated(customer, "workspace, invited to a video call");
        customer.click("#call .call-decline");

        console.click("#stage-mine");
        assertThat(customer.locator("#workspace-tools")).isVisible(within(10));
        joinPageTranslated(customer, "workspace, the advisor's page with the drawing tools");
        console.click("#stage-customer");
        assertThat(customer.locator("#continue")).isVisible(within(10));

        console.fill("#documents [data-doc=query]", title);
        console.click("#documents [data-doc=open][data-version='" + versionId + "']");
        assertThat(customer.locator("#workspace-document[data-loaded='" + versionId + "']")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        customer.click("#workspace-document [data-doc=sign-off]");
        assertThat(customer.locator("#workspace-document [data-doc=clause]")).isVisible();
        joinPageTranslated(customer, "workspace, the document viewer and its sign-off");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("#session-ended form.tandem-rating");
        assertThat(rating).isVisible(within(10));
        joinPageTranslated(customer, "workspace, the session ended: the rating");
        rating.locator("[data-score='8']").click();
        rating.locator("button.send").click();
        assertThat(rating).hasAttribute("data-sent", "8");
        joinPageTranslated(customer, "workspace, the rating sent");
    }

    @Test
    void tandemJsOnTheFirmsSiteShowsOnlyTranslatedText() {
        JsonPath created = newSession(ADVISOR, "Pseudo Pete");
        String id = created.getString("id");
        Page customer = pages.speaking(PSEUDO);
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(customer.locator("[data-tandem-ui=draw-tools]")).isAttached();
        assertEquals(PSEUDO, customer.evaluate("() => document.querySelector('[data-tandem-ui=banner]').lang"));
        assertEquals("en", customer.evaluate("() => document.documentElement.lang"), "the site's own is left alone");
        tandemTranslated(customer, "the sharing pill and the drawing tools");

        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        console.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent).isVisible(within(10));
        tandemTranslated(customer, "the control request");
        consent.locator("[data-answer=page]").click();
        assertThat(customer.locator("[data-tandem-ui=control-banner] .banner")).isVisible();
        tandemTranslated(customer, "the advisor controls the page");

        console.click("#call .call-start");
        Locator tile = customer.locator("[data-tandem-ui=call]");
        assertThat(tile).hasAttribute("data-invitation", "open",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        tandemTranslated(customer, "the call tile's invitation");
        tile.locator(".accept").first().click();
        assertThat(tile).hasAttribute("data-state", java.util.regex.Pattern.compile("connecting|connected|relayed"),
                new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        tandemTranslated(customer, "the call tile in a call");
        tile.locator(".hangup").click();

        console.click("#stage-mine");
        assertThat(customer.locator("[data-tandem-ui=stage-prompt]")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        tandemTranslated(customer, "the advisor shows their page");
        console.click("#stage-customer");

        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertThat(customer.locator("[data-tandem-ui=paused]")).isAttached();
        tandemTranslated(customer, "the pill after Stop");
        customer.locator("[data-tandem-ui=paused] button.share").click();
        customer.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(rating).isVisible(within(10));
        tandemTranslated(customer, "the rating card");
        rating.locator("[data-score='9']").click();
        rating.locator("button.send").click();
        assertThat(rating).hasAttribute("data-sent", "9");
        tandemTranslated(customer, "the rating card, sent");

        Page visitor = pages.speaking(PSEUDO);
        visitor.navigate(BASE + "/demo/");
        assertThat(visitor.locator("[data-tandem-ui=help] #help")).isVisible();
        tandemTranslated(visitor, "the help button");
        visitor.locator("[data-tandem-ui=help] #help").click();
        assertThat(visitor.locator("[data-tandem-ui=help] #code")).hasText(
                java.util.regex.Pattern.compile("[1-9][0-9]{2} [0-9]{3}"));
        tandemTranslated(visitor, "the help code, waiting for an advisor");
    }
}
