package io.tandem.standalone;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
import io.tandem.testing.CallMedia;
import io.tandem.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A video call between a customer on the join page and an advisor in the console, each in a Chromium profile of its
 * own (fake camera and microphone), against a {@link StandaloneDeployment}; scripts can be added to either page
 * before it loads (to steer its WebSocket or its peer connection as a network would).
 */
final class BrowserCall {

    /** Profiles opened here (not through BrowserPages), closed by {@link #closeAll()}. */
    private static final List<BrowserContext> STEERED = new ArrayList<>();

    final String sessionId;
    final Page customer;
    final Page console;
    private final StandaloneDeployment deployment;
    private final String advisorToken;

    private BrowserCall(StandaloneDeployment deployment, String advisorToken, String sessionId, Page customer,
            Page console) {
        this.deployment = deployment;
        this.advisorToken = advisorToken;
        this.sessionId = sessionId;
        this.customer = customer;
        this.console = console;
    }

    RequestSpecification asAdvisor() {
        return given().baseUri(deployment.origin()).contentType(ContentType.JSON).auth().oauth2(advisorToken);
    }

    /** A new session; the customer has consented on the join page and the console shows it, both ready to call. */
    static BrowserCall open(StandaloneDeployment deployment, BrowserPages pages, String customerName,
            String customerScript, String consoleScript) {
        String token = deployment.token("sa-advisor", "Standalone Advisor", "advisor");
        RequestSpecification advisor = given().baseUri(deployment.origin()).contentType(ContentType.JSON).auth()
                .oauth2(token);
        JsonPath created = advisor.body(Map.of("customer", Map.of("name", customerName), "purpose",
                "standalone signaling test")).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        Page customer = pages.anonymous();
        if (customerScript != null) {
            customer.context().addInitScript(customerScript);
        }
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        assertThat(customer.locator("#call .call-start")).isVisible();
        Page console;
        if (consoleScript == null) {
            console = pages.staff(token);
        } else {
            // The script steers the page's signaling socket to another replica, as a load balancer would; the page's
            // CSP names the one signaling URL the app knows, so this profile ignores CSP.
            BrowserContext context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                    .setViewportSize(1280, 860).setBypassCSP(true));
            STEERED.add(context);
            context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + token
                    + "', exp: 4102444800}))");
            context.addInitScript(consoleScript);
            console = context.newPage();
        }
        console.navigate(deployment.origin() + "/console/?session=" + id);
        assertThat(console.locator("#call .call-start")).isVisible();
        return new BrowserCall(deployment, token, id, customer, console);
    }

    /** The advisor calls, the customer accepts; both show the call up. */
    void start() {
        console.click("#call .call-start");
        customer.click("#call .call-start");
        LocatorAssertions.HasAttributeOptions within = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
        Pattern up = Pattern.compile("connected|relayed");
        assertThat(customer.locator("#call")).hasAttribute("data-state", up, within);
        assertThat(console.locator("#call")).hasAttribute("data-state", up, within);
    }

    /**
     * Waits until the page has decoded at least {@code frames} video frames of the other side. Polled from here:
     * Playwright's waitForFunction takes a promise for a truthy answer and would not wait on an async predicate.
     */
    static void awaitFrames(Page page, int frames) {
        Poll.until(Duration.ofSeconds(20), () -> CallMedia.framesDecoded(page), n -> n >= frames,
                "at least " + frames + " video frames decoded");
    }

    static void closeAll() {
        STEERED.forEach(BrowserContext::close);
        STEERED.clear();
    }

    /** The advisor hangs up; both show the call ended. */
    void hangUp() {
        console.click("#call .call-hangup");
        assertThat(console.locator("#call")).hasAttribute("data-state", "ended");
        assertThat(customer.locator("#call")).hasAttribute("data-state", "ended");
    }
}
