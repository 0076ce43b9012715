package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;

import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console when the sign-in ends (token expired and not refreshable) or the session is someone else's: it says so
 * and loses nothing; the customer is never affected.
 */
@QuarkusTest
class ConsoleSignInStateTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final Duration CONSOLE_BEHIND = Duration.ofSeconds(20);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** A console signed in with this token (and no refresh token: once it expires, the sign-in is over). */
    private Page console(String token, long exp) {
        return pages.open(token, exp);
    }

    @Test
    void anExpiredTokenClosesTheSocketWith4401AndTheConsoleSaysSignedOutWhileTheCustomerShares() {
        JsonPath created = newSession(TestTokens.advisor1(), "Expiry Ella");
        Page customer = pages.customerSharing(created);
        // The console only uses a token with more than 20 s left (else it asks the server for a fresh one, which
        // has none here): its clock runs 20 s behind the server's, so a token the server holds valid for 10 s is
        // used, and the test waits those 10 s rather than the 20 s more an in-sync clock would need.
        Instant expiry = Instant.now().plusSeconds(10);
        String shortLived = TestTokens.claims("sub-advisor1", "advisor1", "Alice Archer", "advisor")
                .expiresAt(expiry).sign();
        Page console = console(shortLived, expiry.getEpochSecond());
        console.context().clock().install(new Clock.InstallOptions().setTime(System.currentTimeMillis()
                - CONSOLE_BEHIND.toMillis()));
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertThat(console.locator("#signed-out")).isHidden();

        // the relay closes the advisor's socket with the documented code when the token runs out
        assertThat(console.locator("body")).hasAttribute("data-relay-close", "4401",
                new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
        assertThat(console.locator("#signed-out")).isVisible();
        assertThat(console.locator("#signed-out")).containsText("Signed out — sign in again");
        // nothing is lost on screen: the session and the last mirror stay
        assertThat(console.locator("#session-title")).hasText("Expiry Ella");
        assertThat(console.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached();

        // the customer is unaffected: still sharing, told the advisor is away
        assertThat(customer.locator("[data-tandem-ui=banner] .status")).hasText(
                Pattern.compile("reconnecting|waiting for your advisor"));
        customer.waitForFunction("() => window.__tandem.sharing === true && window.__tandem.connection === 'open'");

        // signed in again, the advisor rejoins the same session and sees the live page at once
        Page again = console(TestTokens.advisor1(), 4102444800L);
        again.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(again.frameLocator("#mirror iframe").locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        assertThat(customer.locator("[data-tandem-ui=banner] .status")).hasText("advisor connected");
    }

    @Test
    void anotherAdvisorsSessionShowsAForbiddenStateInsteadOfTheSession() {
        JsonPath created = newSession(TestTokens.advisor1(), "Not Yours Nora");
        Page console = console(TestTokens.advisor2(), 4102444800L);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.locator("#unavailable")).isVisible();
        assertThat(console.locator("#unavailable")).hasAttribute("data-status", "403");
        assertThat(console.locator("#unavailable-text")).containsText("403");
        assertThat(console.locator("#session")).isHidden();
        assertThat(console.locator("#sessions li")).not().containsText(new String[]{"Not Yours Nora"});
    }
}
