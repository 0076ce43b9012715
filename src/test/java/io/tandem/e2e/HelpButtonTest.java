package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.Browsers;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A visitor on the site clicks "Get help", reads the code to the advisor, consents, and the advisor sees the page. */
@QuarkusTest
class HelpButtonTest {

    private static final String BASE = CoBrowsingTest.BASE;
    /** Another origin on the same test server: pages from here load tandem.js from BASE. */
    private static final String OTHER_ORIGIN = TestPorts.site();
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void theHelpCodeFlowStartsSharingOnlyAfterConsent() {
        Page visitor = visitorOn(BASE + "/demo/quote.html");
        Page console = advisorClaims(codeShownTo(visitor), "Visiting Vera");
        consent(visitor);

        assertThat(console.frameLocator("#mirror iframe").locator("#full-name")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        visitor.locator("#full-name").pressSequentially("Vera Visitor");
        assertThat(console.frameLocator("#mirror iframe").locator("#full-name")).hasValue("Vera Visitor");

        // the session survives a navigation on the site
        visitor.click("a[href='/demo/claims.html']");
        assertThat(console.frameLocator("#mirror iframe").locator("#claim-number")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
    }

    /**
     * The firm's site on another origin than Tandem (page from 127.0.0.1, tandem.js from localhost): the help request,
     * its polling, the consent and the relay socket all cross origins, and sharing works.
     */
    @Test
    void theHelpCodeFlowWorksFromASiteOnAnotherOrigin() {
        Page visitor = visitorOn(OTHER_ORIGIN + "/test-pages/other-origin.html");
        Page console = advisorClaims(codeShownTo(visitor), "Cross Origin Carla");
        consent(visitor);

        assertThat(console.frameLocator("#mirror iframe").locator("#partner-name")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        visitor.locator("#partner-name").pressSequentially("Carla from the partner site");
        assertThat(console.frameLocator("#mirror iframe").locator("#partner-name"))
                .hasValue("Carla from the partner site");
    }

    private Page visitorOn(String url) {
        BrowserContext visitorContext = Browsers.context();
        contexts.add(visitorContext);
        Page visitor = visitorContext.newPage();
        visitor.navigate(url);
        return visitor;
    }

    private static String codeShownTo(Page visitor) {
        visitor.locator("[data-tandem-ui=help] #help").click();
        assertThat(visitor.locator("[data-tandem-ui=help] #code")).hasText(
                java.util.regex.Pattern.compile("[1-9][0-9]{2} [0-9]{3}"));
        return visitor.locator("[data-tandem-ui=help] #code").textContent();
    }

    private static void consent(Page visitor) {
        assertThat(visitor.locator("[data-tandem-ui=help] #advisor")).hasText("Alice Archer",
                new LocatorAssertions.HasTextOptions().setTimeout(5000));
        assertThat(visitor.locator("[data-tandem-ui=banner]")).hasCount(0);
        visitor.locator("[data-tandem-ui=help] #accept").click();
        visitor.waitForFunction("() => window.__tandem.sharing === true");
        assertThat(visitor.locator("[data-tandem-ui=banner]")).hasCount(1);
    }

    private Page advisorClaims(String code, String customerName) {
        BrowserContext advisorContext = Browsers.context();
        contexts.add(advisorContext);
        advisorContext.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADVISOR1
                + "', exp: 4102444800}))");
        Page console = advisorContext.newPage();
        console.navigate(BASE + "/console/");
        console.click("#new-session");
        console.fill("#help-code", code);
        console.locator("#new-customer summary").click();
        console.fill("#new-name", customerName);
        console.fill("#purpose", "help with the quote");
        console.click("#create");
        assertThat(console.locator("#session-title")).hasText(customerName);
        return console;
    }
}
