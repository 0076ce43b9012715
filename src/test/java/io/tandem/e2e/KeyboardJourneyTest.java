package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 2: a customer who uses only the keyboard goes from the join link through consent to sharing, answers
 * the advisor's control request (the dialog takes focus; Esc declines), allows it and stops it with Esc, rates the
 * session (the card takes focus) — and, in another session, stops sharing — without the mouse. Every step is a key
 * press on the element that has focus, looked up through tandem.js's shadow roots.
 */
@QuarkusTest
class KeyboardJourneyTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR = TestTokens.advisor1();
    /** The element with focus, through open shadow roots, as "tag.class" plus its text or label. */
    private static final String FOCUSED = """
            () => { let a = document.activeElement;
              while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
              if (!a) return '';
              return (a.id ? '#' + a.id : a.tagName.toLowerCase() + (a.className ? '.' + a.className : ''))
                + ' ' + (a.getAttribute('aria-label') || a.textContent || '').trim(); }""";

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** Presses Tab until the focused element's description contains {@code what}; fails after 80 presses. */
    private static void tabTo(Page page, String what) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            String focused = (String) page.evaluate(FOCUSED);
            if (focused.contains(what)) {
                return;
            }
            seen.append(focused).append(" | ");
        }
        throw new AssertionError("Tab never reached " + what + "; focus went: " + seen);
    }

    private static String focused(Page page) {
        return (String) page.evaluate(FOCUSED);
    }

    private Page joinWithTheKeyboard(JsonPath created) {
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#accept")).isVisible();
        tabTo(customer, "#accept");
        customer.keyboard().press("Enter");
        assertThat(customer.locator("#continue")).isVisible();
        tabTo(customer, "#continue");
        customer.keyboard().press("Enter");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        return customer;
    }

    @Test
    void aCustomerJoinsAnswersControlAndRatesWithTheKeyboardAlone() {
        JsonPath created = newSession(ADVISOR, "Keyboard Kim");
        String id = created.getString("id");
        Page customer = joinWithTheKeyboard(created);
        Page console = pages.staff(ADVISOR);
        console.navigate(BASE + "/console/?session=" + id);

        // the request takes focus; Esc declines it
        console.click("#ctl-request");
        assertThat(customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]")).isVisible();
        assertTrue(focused(customer).contains("Allow on this page"), focused(customer));
        customer.keyboard().press("Escape");
        assertThat(customer.locator("[data-tandem-ui=control-consent]")).hasCount(0);
        assertThat(console.locator("#ctl-status")).hasText("Keyboard Kim declined.");

        // asked again: Tab stays inside the dialog, Enter allows; Esc takes control back
        console.click("#ctl-request");
        assertThat(customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]")).isVisible();
        customer.keyboard().press("Tab");
        customer.keyboard().press("Tab");
        customer.keyboard().press("Tab");
        assertTrue(focused(customer).contains("Allow on this page"), "Tab wraps inside the dialog: "
                + focused(customer));
        customer.keyboard().press("Enter");
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).isAttached();
        customer.keyboard().press("Escape");
        assertThat(customer.locator("[data-tandem-ui=control-banner]")).hasCount(0);

        // the session ends: the rating card takes focus; arrows are not needed, Tab and Enter choose and send
        as(ADVISOR).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        assertThat(customer.locator("[data-tandem-ui=rating] form.tandem-rating")).isVisible();
        assertTrue(focused(customer).startsWith("button"), "the card has focus: " + focused(customer));
        tabTo(customer, " 9");
        customer.keyboard().press("Enter");
        tabTo(customer, "Send");
        customer.keyboard().press("Enter");
        assertThat(customer.locator("[data-tandem-ui=rating] form.tandem-rating")).hasAttribute("data-sent", "9");
        assertEquals(9, (int) as(ADVISOR).get("/api/sessions/" + id).then().extract().path("score"));
    }

    @Test
    void aCustomerStopsSharingWithTheKeyboard() {
        JsonPath created = newSession(ADVISOR, "Keyboard Kit");
        Page customer = joinWithTheKeyboard(created);
        tabTo(customer, "Stop sharing");
        customer.keyboard().press("Enter");
        customer.waitForFunction("() => window.__tandem.state === 'stopped'");
        assertThat(customer.locator("[data-tandem-ui=banner]")).hasCount(0);
        // the keyboard lands on "Share again": Enter shares the same session again
        assertEquals("button.share Share again", focused(customer));
        customer.keyboard().press("Enter");
        customer.waitForFunction("() => window.__tandem.state === 'sharing' && window.__tandem.connection === 'open'");
        assertThat(customer.locator("[data-tandem-ui=banner]")).isAttached();
    }
}
