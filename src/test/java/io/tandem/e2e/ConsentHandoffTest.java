package io.tandem.e2e;

import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consent cannot be skipped by a link (issue 19 item 8, docs/security.md). The customer who consented continues on the
 * site through a one-time code; the URL that carried it, opened in another browser, shares nothing and says why; an
 * old-style link with the credential itself in its fragment shares nothing either.
 */
@QuarkusTest
class ConsentHandoffTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** A fresh browser that counts the WebSockets its pages open (the relay is the only one tandem.js opens here). */
    private Page freshBrowser(AtomicInteger sockets) {
        Page page = pages.anonymous();
        page.onWebSocket(ws -> sockets.incrementAndGet());
        return page;
    }

    @Test
    void theLinkThatHandedTheSessionToTheSiteSharesNothingInAnotherBrowser() {
        JsonPath created = newSession(ADVISOR1, "Linked Lena");
        Page customer = pages.anonymous();
        // every page of the customer's browser notes the URL it was opened with, before its own scripts run
        customer.context().addInitScript("window.__openedWith = location.href");
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        String link = (String) customer.evaluate("() => window.__openedWith");
        assertTrue(link.contains("#tandem-handoff="), link);
        assertFalse(link.contains("tdc1"), "no credential in the URL: " + link);
        assertFalse(customer.url().contains("tandem-handoff"), "the code left the address bar: " + customer.url());
        PlaywrightAssertions.assertThat(customer.locator("[data-tandem-ui=banner]")).isAttached();

        AtomicInteger sockets = new AtomicInteger();
        Page other = freshBrowser(sockets);
        other.navigate(link);
        other.waitForFunction("() => window.__tandem && window.__tandem.handoffError");
        assertTrue(((String) other.evaluate("() => window.__tandem.handoffError"))
                .contains("already been used or has expired"));
        PlaywrightAssertions.assertThat(other.locator("[data-tandem-ui=notice]"))
                .containsText("nothing is shared");
        PlaywrightAssertions.assertThat(other.locator("[data-tandem-ui=help]")).isAttached();
        assertEquals("idle", other.evaluate("() => window.__tandem.state"));
        assertNull(other.evaluate("() => sessionStorage.getItem('tandem.session')"));
        assertEquals(0, other.locator("[data-tandem-ui=banner]").count(), "no sharing banner");
        assertEquals(0, sockets.get(), "no relay connection was opened");
        // and the customer who consented is still the one sharing
        assertEquals(true, customer.evaluate("() => window.__tandem.sharing"));
    }

    @Test
    void anOldStyleLinkCarryingTheCredentialItselfSharesNothing() {
        JsonPath created = newSession(ADVISOR1, "Probed Paula");
        Page customer = pages.customerSharing(created);
        String stored = (String) customer.evaluate("() => sessionStorage.getItem('tandem.session')");
        String legacy = BASE + "/demo/quote.html#tandem="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(stored.getBytes(StandardCharsets.UTF_8));

        AtomicInteger sockets = new AtomicInteger();
        Page other = freshBrowser(sockets);
        other.navigate(legacy);
        PlaywrightAssertions.assertThat(other.locator("[data-tandem-ui=help]")).isAttached();
        assertEquals("idle", other.evaluate("() => window.__tandem.state"));
        assertFalse(other.url().contains("#tandem="), "the fragment left the address bar: " + other.url());
        assertNull(other.evaluate("() => sessionStorage.getItem('tandem.session')"));
        assertEquals(0, sockets.get(), "no relay connection was opened");
    }
}
