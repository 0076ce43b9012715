package io.tandem.testing;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.restassured.path.json.JsonPath;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser profiles one test opens (each page in its own profile, as two people's browsers), closed together after
 * the test: staff consoles signed in with a test token, customers sharing the demo site.
 */
public final class BrowserPages {

    private final List<BrowserContext> contexts = new ArrayList<>();

    /** A page in a fresh profile; with a staff token, signed in the way the console keeps it (no refresh token). */
    public Page open(String staffToken, long expiresAtEpochSecond) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        if (staffToken != null) {
            context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + staffToken
                    + "', exp: " + expiresAtEpochSecond + "}))");
        }
        return context.newPage();
    }

    /** A page at a given viewport, signed in with a staff token (null: none) that does not expire in the test. */
    public Page sized(String staffToken, int width, int height) {
        BrowserContext context = Browsers.context(width, height);
        contexts.add(context);
        if (staffToken != null) {
            context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + staffToken
                    + "', exp: 4102444800}))");
        }
        return context.newPage();
    }

    /** A page with no sign-in on a phone ({@link Browsers#phone()}): a customer joining from their phone. */
    public Page phone() {
        BrowserContext context = Browsers.phone();
        contexts.add(context);
        return context.newPage();
    }

    /** A page signed in with a token that does not expire during the test. */
    public Page staff(String token) {
        return open(token, 4102444800L);
    }

    /** A page with no sign-in (a customer) in a browser that speaks {@code locale} ("de-DE", "en-XA"). */
    public Page speaking(String locale) {
        BrowserContext context = Browsers.context(locale);
        contexts.add(context);
        return context.newPage();
    }

    /** A staff page signed in with {@code token} in a browser that speaks {@code locale} ("de-DE", "en-XA"). */
    public Page staffSpeaking(String token, String locale) {
        BrowserContext context = Browsers.context(locale);
        contexts.add(context);
        context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + token
                + "', exp: 4102444800}))");
        return context.newPage();
    }

    /** A page with no sign-in (a customer). */
    public Page anonymous() {
        return open(null, 0);
    }

    /** A customer who opened the join link, consented and continued on the demo site, which is now shared. */
    public Page customerSharing(JsonPath createdSession) {
        Page customer = anonymous();
        customer.navigate(createdSession.getString("joinUrl"));
        customer.click("#accept");
        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        return customer;
    }

    /**
     * A customer sharing the demo site as a firm on another origin embeds it: the site served from 127.0.0.1 (
     * {@link TestPorts#site()}) with tandem.js from Tandem's origin (localhost), so tokens, ICE servers and the relay
     * cross origins. {@code initScript} runs in every page of the customer's profile before the page's own.
     */
    public Page customerOnTheSite(JsonPath createdSession, String initScript) {
        Page customer = customerSharing(createdSession);
        String session = (String) customer.evaluate("() => sessionStorage.getItem('tandem.session')");
        customer.context().addInitScript(initScript);
        String site = TestPorts.site();
        customer.context().route(Pattern.compile("^" + Pattern.quote(site) + "/demo/[^?#]*\\.html.*"), route -> {
            APIResponse page = route.fetch();
            String html = page.text().replace("src=\"/tandem.js\"", "src=\"" + TestPorts.base() + "/tandem.js\"");
            route.fulfill(new Route.FulfillOptions().setResponse(page).setBody(html));
        });
        String credential = JsonPath.from(session).getString("credential");
        customer.navigate(site + "/demo/index.html" + Handoff.fragment(credential));
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        return customer;
    }

    public void closeAll() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }
}
