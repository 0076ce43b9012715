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
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3: a customer whose browser speaks German (de-DE) goes from the join link through consent, the
 * workspace and sharing the firm's site, a control request, to the rating, all in German, while the advisor's console
 * stays English. A customer who picks another language on the join page keeps it on the firm's site. And an advisor
 * sets the customer's language for the session: the site's pages switch to it at once and the next page speaks it too.
 */
@QuarkusTest
class GermanJourneyTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    private static Locator banner(Page customer) {
        return customer.locator("[data-tandem-ui=banner] .who");
    }

    @Test
    void aGermanCustomerGoesFromJoinToRatingInGermanWhileTheConsoleStaysEnglish() {
        JsonPath created = newSession(ADVISOR, "Greta Gruber");
        String id = created.getString("id");
        Page customer = pages.speaking("de-DE");
        customer.navigate(created.getString("joinUrl"));

        assertThat(customer.locator("#consent h1")).hasText("Ihren Bildschirm mit Alice Archer teilen?");
        assertThat(customer.locator("#advisor-name")).hasText("Alice Archer");
        assertThat(customer.locator("#accept")).hasText("Ja, Sitzung starten");
        assertThat(customer.locator("html")).hasAttribute("lang", "de");
        assertThat(customer.locator("#language")).hasValue("de");
        assertEquals("Mit Ihrer Ansprechperson verbinden · Tandem", customer.title());

        customer.click("#accept");
        assertThat(customer.locator("#joined h1")).hasText("Sie sind in einer Sitzung mit Alice Archer");
        assertThat(customer.locator("#continue")).hasText("Weiter auf Harbor Mutual");
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(customer.locator("#joined-status")).hasText("Alice Archer ist verbunden");
        assertThat(customer.locator("#call .call-start")).hasText("Videoanruf starten");

        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(banner(customer)).hasText("Diese Seite wird mit Alice Archer geteilt");
        assertThat(customer.locator("[data-tandem-ui=banner] .stop")).hasText("Freigabe beenden");
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasAttribute("lang", "de");

        console.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent.locator(".ask")).hasText("Alice Archer möchte diese Seite steuern.");
        consent.getByText("Auf dieser Seite erlauben").click();
        assertThat(customer.locator("[data-tandem-ui=control-banner] .text")).hasText(
                "Alice Archer steuert diese Seite. Drücken Sie Esc oder „Beenden“, um die Steuerung zu beenden.");

        // the advisor's console, and the parts it shares with the workspace, stay English
        assertThat(console.locator("html")).hasAttribute("lang", "en");
        assertThat(console.locator("#end-session")).hasText("End session");
        assertThat(console.locator("#call .call-start")).hasText("Start video call");
        assertThat(console.locator("#customer-language")).hasValue("");

        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        Locator rating = customer.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(rating.locator(".question")).hasText(
                "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?");
        assertThat(customer.locator("[data-tandem-ui=rating] strong")).hasText("Ihre Sitzung ist beendet.");
        rating.locator("[data-score='9']").click();
        rating.getByText("Senden").click();
        // the time the answer can be changed until, as German writes it (Intl)
        assertThat(rating.locator(".status")).hasText(java.util.regex.Pattern.compile(
                "Vielen Dank! Sie können Ihre Antwort bis [0-2][0-9]:[0-5][0-9] Uhr ändern\\."));
        assertThat(rating).hasAttribute("data-sent", "9");
    }

    @Test
    void theCustomerSwitchesToDutchOnTheJoinPageAndTheSiteSpeaksDutchToo() {
        JsonPath created = newSession(ADVISOR, "Noor Nieuwland");
        Page customer = pages.speaking("en-GB");
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#accept")).hasText("Yes, start the session");
        customer.selectOption("#language", "nl");
        assertThat(customer.locator("#accept")).hasText("Ja, sessie starten");
        assertThat(customer.locator("#advisor-name")).hasText("Alice Archer");
        assertThat(customer.locator("html")).hasAttribute("lang", "nl");
        customer.click("#accept");
        assertThat(customer.locator("#continue")).hasText("Verder op Harbor Mutual");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(banner(customer)).hasText("Deze pagina wordt gedeeld met Alice Archer");
        assertEquals("", customer.evaluate("() => location.hash"), "the language left the address bar with the code");
        customer.navigate(BASE + "/demo/claims.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(customer.locator("[data-tandem-ui=banner] .stop")).hasText("Delen stoppen");
    }

    @Test
    void theAdvisorSetsTheCustomersLanguageForTheSessionAndTheNextPageSpeaksItToo() {
        JsonPath created = newSession(ADVISOR, "Fleur Fontaine");
        String id = created.getString("id");
        Page customer = pages.speaking("en-GB");
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(banner(customer)).hasText("Sharing this page with Alice Archer");

        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);
        console.waitForFunction("() => document.body.dataset.relay === 'open'");
        console.selectOption("#customer-language", "fr");
        assertThat(banner(customer)).hasText("Page partagée avec Alice Archer",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasAttribute("lang", "fr");
        assertThat(console.locator("#end-session")).hasText("End session");

        // the next page of the site is welcomed in the session's language
        customer.navigate(BASE + "/demo/quote.html");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(banner(customer)).hasText("Page partagée avec Alice Archer");
        assertThat(customer.locator("[data-tandem-ui=banner] .stop")).hasText("Arrêter le partage");
        // and a console opened later shows the choice
        Page again = pages.staff(ADVISOR);
        again.navigate(BASE + "/console/?session=" + id);
        assertThat(again.locator("#customer-language")).hasValue("fr");
    }
}
