package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.PageConditions;
import io.tandem.testing.PseudoLocale;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 3 for the advisor console: it speaks the staff member's language (their browser's, or the one they
 * choose in its header), which is never the customer's. In the pseudo-locale en-XA every visible text, aria-label,
 * placeholder and title of the console, in every state an advisor meets (the session list and their follow-ups, the
 * new-session dialog with a refused form, the invite panel, a live session with the customer connected and under
 * control, the advisor's own page shown, the shortcuts and colleague dialogs, an invitation to a colleague on both consoles, the customer stopping, ending with an outcome), carries the markers of a translated message:
 * only names, codes, the customer's mirrored page and text without letters pass without. A German advisor sees the
 * console in German, switches it to French and keeps French after a reload, while the customer's pages stay in the
 * customer's own language.
 */
@QuarkusTest
class ConsoleLanguagesTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    /** Ben Baker of the Claims team. */
    private static final String BEN = TestTokens.claims("sub-advisor2", "advisor2", "Ben Baker", "advisor")
            .claim("team", "Claims").sign();
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** The console but the customer's page mirrored in it (an iframe, skipped anyway) and its pointer labels. */
    private static void consoleTranslated(Page console, String state) {
        PseudoLocale.allTranslated(console, Map.of("exclude", "#mirror .tandem-mirror-stage"), state);
    }

    @Test
    void everyStateOfTheConsoleInThePseudoLocaleIsTranslated() {
        newSession(ADVISOR, "Listed Lena"); // the session list has one at least
        // a colleague signed in, whose console shows the invitation to come
        Page colleague = pages.staffSpeaking(BEN, PseudoLocale.PSEUDO);
        colleague.navigate(BASE + "/console/");
        PageConditions.until(colleague,
                "() => window.__tandemInvitations && window.__tandemInvitations.state === 'open'",
                Duration.ofSeconds(10), "the colleague's invitations stream open");
        Page console = pages.staffSpeaking(ADVISOR, PseudoLocale.PSEUDO);
        console.navigate(BASE + "/console/");
        assertThat(console.locator("#sessions li").first()).isVisible(SLOW);
        assertThat(console.locator("#my-follow-ups")).isVisible(SLOW);
        assertEquals(PseudoLocale.PSEUDO, console.evaluate("() => document.documentElement.lang"));
        consoleTranslated(console, "the session list and the advisor's follow-ups");

        console.click("#new-session");
        assertThat(console.locator("#new-dialog")).isVisible();
        consoleTranslated(console, "the new-session dialog");
        console.click("#create"); // no customer, no name: refused, the sentences under the fields
        assertThat(console.locator("#new-name[aria-invalid=true]")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        consoleTranslated(console, "the new-session dialog, refused");

        String name = "Pseudo Paul " + UUID.randomUUID().toString().substring(0, 6);
        console.fill("#new-name", name);
        console.fill("#purpose", "Home policy review");
        console.click("#create");
        assertThat(console.locator("#invite")).isVisible(SLOW);
        assertThat(console.locator("#customer-card")).isVisible(SLOW);
        consoleTranslated(console, "a new session: the invite panel, the customer card");

        Page customer = pages.anonymous();
        customer.navigate(console.inputValue("#invite-link"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(console.locator("#customer-presence.connected")).isVisible(SLOW);
        assertThat(console.frameLocator("#mirror iframe").locator("body")).isAttached();
        assertThat(console.locator("#rtt")).not().isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(10_000));
        assertThat(console.locator("#session-people")).isVisible();
        consoleTranslated(console, "a live session: mirror, status line, tools, documents, people, customer card");

        console.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent).isVisible(SLOW);
        consent.locator("[data-answer=page]").click();
        assertThat(console.locator("#ctl-status[data-state=granted]")).isAttached();
        consoleTranslated(console, "controlling the customer's page");

        console.click("#stage-mine");
        assertThat(console.locator("#stage-frame")).isVisible(SLOW);
        consoleTranslated(console, "showing the advisor's own page");
        console.click("#stage-customer");
        assertThat(console.locator("#mirror")).isVisible(SLOW);

        console.click("#show-shortcuts");
        assertThat(console.locator("#shortcuts-dialog")).isVisible();
        consoleTranslated(console, "the keyboard shortcuts");
        console.click("#close-shortcuts");

        console.click("#invite-colleague");
        Locator dialog = console.locator("#colleague-dialog");
        assertThat(dialog).isVisible();
        assertThat(console.locator("#colleague-results li").first()).isVisible(SLOW);
        consoleTranslated(console, "inviting a colleague");
        dialog.locator("#colleague-search").fill("Ben");
        Locator ben = dialog.locator("#colleague-results li", new Locator.LocatorOptions().setHasText("Ben Baker"));
        ben.first().click();
        dialog.locator("#colleague-note").fill("Second opinion, please");
        consoleTranslated(console, "inviting a colleague, chosen");
        dialog.locator("#colleague-send").click();
        assertThat(console.locator("#session-invitations li")).isVisible(SLOW);
        consoleTranslated(console, "the invitation sent, waiting for an answer");
        Locator invitation = colleague.locator("#invitations li.invitation");
        assertThat(invitation.first()).isVisible(SLOW);
        consoleTranslated(colleague, "a colleague's console with the invitation");
        invitation.first().locator(".inv-decline").click();
        assertThat(console.locator("#session-invitations li").first()).hasAttribute("data-status", "declined",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        consoleTranslated(console, "the invitation declined");

        customer.locator("[data-tandem-ui=banner] button.stop").click();
        assertThat(console.locator("#ended[data-phase=stopped]")).isVisible(SLOW);
        consoleTranslated(console, "the customer stopped sharing");

        console.click("#end-session");
        assertThat(console.locator("#end-dialog")).isVisible();
        consoleTranslated(console, "ending the session: the outcome");
        console.selectOption("#outcome", "follow_up");
        console.click("#confirm-end");
        assertThat(console.locator("#ended")).isVisible(SLOW);
        assertThat(console.locator("#customer-presence")).hasClass("presence");
        consoleTranslated(console, "the session ended");

        console.navigate(BASE + "/console/");
        assertThat(console.locator("#my-follow-up-table tbody tr").first()).isVisible(SLOW);
        consoleTranslated(console, "the advisor's follow-ups with one to close");
    }

    @Test
    void aGermanAdvisorSwitchesTheConsoleToFrenchAndTheCustomerKeepsTheirOwnLanguage() {
        JsonPath created = newSession(ADVISOR, "Sprachen Sven");
        String id = created.getString("id");
        Page customer = pages.anonymous(); // an English-speaking browser
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");

        Page console = pages.staffSpeaking(ADVISOR, "de-DE");
        console.navigate(BASE + "/console/?session=" + id);
        assertThat(console.locator("html")).hasAttribute("lang", "de");
        assertThat(console.locator("#new-session")).hasText("Neue Sitzung");
        assertThat(console.locator("#end-session")).hasText("Sitzung beenden");
        assertThat(console.locator("#ctl-request")).hasAttribute("aria-label", "Steuerung der Kundenseite anfragen");
        assertThat(console.locator("#customer-presence")).hasText("Kunde verbunden",
                new LocatorAssertions.HasTextOptions()
                        .setTimeout(10_000));
        assertThat(console.locator("#staff-language")).hasValue("de");
        assertThat(console.locator("#customer-language option[value='']")).hasText("Eigene Sprache des Kunden");
        assertThat(console.locator("#customer-language option[value=de]")).hasText("Deutsch");
        assertThat(customer.locator("#joined h1")).hasText("You are in a session with Alice Archer");

        console.selectOption("#staff-language", "fr");
        assertThat(console.locator("html")).hasAttribute("lang", "fr");
        assertThat(console.locator("#end-session")).hasText("Terminer la session");
        assertThat(console.locator("#customer-presence")).hasText("Client connecté");
        assertThat(console.locator("#ctl-request")).hasAttribute("aria-label",
                "Demander le contrôle de la page du client");
        assertThat(console.locator("#customer-language option[value='']")).hasText("Langue propre du client");

        console.reload();
        assertThat(console.locator("html")).hasAttribute("lang", "fr");
        assertThat(console.locator("#new-session")).hasText("Nouvelle session");
        assertThat(console.locator("#staff-language")).hasValue("fr");
        assertThat(console.locator("#customer-presence")).hasText("Client connecté",
                new LocatorAssertions.HasTextOptions()
                        .setTimeout(10_000));
        assertThat(console.locator("#session-status")).hasText("En cours");

        // the console's language is the staff member's own: the customer's session language was never set by it
        assertThat(console.locator("#customer-language")).hasValue("");
        assertNull(console.evaluate("() => localStorage.getItem('tandem.language')"));
        assertThat(customer.locator("#joined h1")).hasText("You are in a session with Alice Archer");
        assertThat(customer.locator("html")).hasAttribute("lang", "en");
    }
}
