package io.tandem.e2e;

import java.time.Duration;
import io.tandem.testing.Poll;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.socket.FrameTap;
import io.tandem.testing.Browsers;
import io.tandem.testing.Handoff;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer and advisor in two real Chromium profiles: the customer's page, mirrored live in the console. */
@QuarkusTest
class CoBrowsingTest {

    static final String BASE = TestPorts.base();
    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    FrameTap tap;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    record Session(String id, String credential, String customerName) {}

    private Session active(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        return new Session(created.getString("id"), admit(created.getString("code")), name);
    }

    /** The customer on a demo page, with the session handed over as the workspace would. */
    private Page customerOn(Session s, String path) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        Page page = context.newPage();
        page.navigate(BASE + path + Handoff.fragment(s.credential));
        page.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");
        return page;
    }

    /** The advisor's console on that session (signed in: the token is put where the console keeps it). */
    private Page advisorConsole(Session s) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADVISOR1
                + "', exp: 4102444800}))");
        // every request of the advisor's browser says so, frames included, so another host can tell who called
        context.setExtraHTTPHeaders(java.util.Map.of("X-Test-Browser", "advisor"));
        Page page = context.newPage();
        page.navigate(BASE + "/console/?session=" + s.id);
        return page;
    }

    private static FrameLocator mirror(Page console) {
        return console.frameLocator("#mirror iframe");
    }

    private List<String> framesOf(Session s) {
        return tap.frames(UUID.fromString(s.id)).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void joinLinkConsentAndContinueOnTheSiteStartsSharing() {
        JsonPath created = newSession(ADVISOR1, "Linked Lina");
        BrowserContext context = Browsers.context();
        contexts.add(context);
        Page customer = context.newPage();
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#advisor-name")).hasText("Alice Archer");
        assertFalse(customer.url().contains("#"), "the link token is removed from the address bar");
        customer.click("#accept");
        assertThat(customer.locator("#continue")).isVisible();
        assertThat(customer.locator("#site-name")).hasText("Harbor Mutual");
        customer.click("#continue");
        customer.waitForURL(BASE + "/demo/");
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");

        Page console = advisorConsole(new Session(created.getString("id"), null, "Linked Lina"));
        assertThat(mirror(console).locator("h1")).containsText("home", new LocatorAssertions.ContainsTextOptions()
                .setIgnoreCase(true).setTimeout(10_000));
        assertThat(console.locator("#customer-presence")).hasText("Customer connected");
        assertThat(console.locator("#customer-page")).containsText("/demo/");
    }

    @Test
    void whatTheCustomerTypesAndChangesAppearInTheMirrorWithinASecond() {
        Session s = active("Typing Tess");
        Page customer = customerOn(s, "/demo/quote.html");
        Page console = advisorConsole(s);
        FrameLocator mirror = mirror(console);
        assertThat(mirror.locator("#full-name"))
                .isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        customer.locator("#full-name").pressSequentially("Maria Rossi");
        assertThat(mirror.locator("#full-name")).hasValue("Maria Rossi",
                new LocatorAssertions.HasValueOptions().setTimeout(1000));

        customer.navigate(BASE + "/demo/");
        assertThat(mirror.locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(5000));
        customer.click("#toggle-details");
        assertThat(mirror.locator("#details")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
    }

    @Test
    void theCustomersScrollPositionOfThePageAndOfAnInnerBoxReachesTheMirror() {
        Session s = active("Scrolling Sue");
        Page customer = customerOn(s, "/demo/");
        Page console = advisorConsole(s);
        assertThat(mirror(console).locator("#clauses")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        customer.evaluate("() => { window.scrollTo(0, 400); document.getElementById('clauses').scrollTop = 250; }");
        console.waitForFunction("""
                () => {
                  const doc = document.querySelector('#mirror iframe').contentDocument;
                  return doc.defaultView.scrollY === 400 && doc.getElementById('clauses').scrollTop === 250;
                }""", null, new Page.WaitForFunctionOptions().setTimeout(3000));
    }

    @Test
    void theCustomerNavigatesToASecondPageAndTheMirrorFollows() {
        Session s = active("Wandering Will");
        Page customer = customerOn(s, "/demo/");
        Page console = advisorConsole(s);
        assertThat(mirror(console).locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        customer.click("a[href='/demo/claims.html']");
        customer.waitForURL(BASE + "/demo/claims.html");
        assertThat(mirror(console).locator("#claim-number")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(5000));
        assertThat(console.locator("#customer-page")).containsText("claims.html");
    }

    @Test
    void theAdvisorReloadsAndSeesTheCurrentPageAtOnceWithoutANewSnapshotFromTheCustomer() {
        Session s = active("Reloading Ray");
        Page customer = customerOn(s, "/demo/");
        Page console = advisorConsole(s);
        assertThat(mirror(console).locator("#toggle-details")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        customer.click("#toggle-details");
        assertThat(mirror(console).locator("#details")).isVisible();
        long snapshotsBefore = framesOf(s).stream().filter(f -> f.startsWith("{\"t\":\"dom.snap\"")).count();

        console.reload();
        assertThat(mirror(console).locator("#details")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(3000));
        long snapshotsAfter = framesOf(s).stream().filter(f -> f.startsWith("{\"t\":\"dom.snap\"")).count();
        assertEquals(snapshotsBefore, snapshotsAfter, "the customer's browser was not asked for a new snapshot");
    }

    @Test
    void scriptsEventHandlersAndForeignAssetsInTheCustomersPageNeverRunOrLoadInTheAdvisorsBrowser() throws Exception {
        // another origin the mirrored page tries to reach: it must get no request at all
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> hits = java.util.Collections.synchronizedList(new ArrayList<>());
        evil.createContext("/", exchange -> {
            if ("advisor".equals(exchange.getRequestHeaders().getFirst("X-Test-Browser"))) {
                hits.add(exchange.getRequestURI().toString());
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        evil.start();
        String evilOrigin = "http://127.0.0.1:" + evil.getAddress().getPort();
        try {
            Session s = active("Hostile Hal");
            Page customer = customerOn(s, "/demo/");
            Page console = advisorConsole(s);
            assertThat(mirror(console).locator("#toggle-details")).isAttached(
                    new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
            customer.evaluate("""
                    (evil) => {
                      const box = document.createElement('div');
                      box.id = 'hostile';
                      const add = (tag, attrs, text) => {
                        const el = document.createElement(tag);
                        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
                        if (text) el.textContent = text;
                        box.appendChild(el);
                      };
                      add('img', { src: '/nope.png', onerror: "window.top.__pwned = 'onerror'" });
                      add('a', { id: 'js-link', href: "javascript:window.top.__pwned = 'href'" }, 'x');
                      add('style', {}, '#hostile { background: url(' + evil + '/css-url.png) } @import url('
                        + evil + '/import.css);');
                      add('img', { id: 'pixel', src: evil + '/pixel.png' });
                      add('link', { rel: 'stylesheet', href: evil + '/sheet.css' });
                      add('script', {}, "window.top.__pwned = 'script'");
                      document.body.appendChild(box);
                    }""", evilOrigin);
            assertThat(mirror(console).locator("#hostile")).isAttached(
                    new LocatorAssertions.IsAttachedOptions().setTimeout(3000));
            console.reload(); // the mirror is rebuilt from the keyframe: every asset in it is requested again
            assertThat(mirror(console).locator("#pixel")).isAttached(
                    new LocatorAssertions.IsAttachedOptions().setTimeout(5000));
            // every image of the hostile box has settled its load (refused or failed): had a handler or a request
            // got through, it has happened by now
            Poll.until(Duration.ofSeconds(5), () -> (Boolean) mirror(console).locator("#hostile").evaluate(
                    "(box) => [...box.querySelectorAll('img')].every((i) => i.complete)"), "the images settled");
            assertEquals(null, console.evaluate("() => window.__pwned ?? null"));
            assertEquals(null, console.evaluate(
                    "() => document.querySelector('#mirror iframe').contentWindow.__pwned ?? null"));
            assertEquals("allow-same-origin", console.locator("#mirror iframe").getAttribute("sandbox"));
            // defence in depth (lib/defuse.js): the mirrored page holds no handler, script URL or script text at all,
            // so nothing in it could act even without the sandbox
            assertEquals(List.of(), mirror(console).locator("#hostile").evaluate("""
                    (box) => [...box.querySelectorAll('*')].flatMap((e) => [...e.attributes]
                        .filter((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
                        .map((a) => e.tagName.toLowerCase() + ' ' + a.name))
                      .concat([...box.querySelectorAll('script, noscript')].filter((s) => s.textContent.trim())
                        .map((s) => s.tagName.toLowerCase() + ' text'))"""));
            assertTrue(hits.isEmpty(), "the advisor's browser reached another host: " + hits);
            // control: a request the advisor's browser does make to that host is seen and attributed
            Page control = console.context().newPage();
            control.navigate(evilOrigin + "/control");
            // (Chromium may also ask that host for /favicon.ico of the control page, a top-level page of its own)
            assertEquals(List.of("/control"), hits.stream().filter(h -> !h.equals("/favicon.ico")).toList(),
                    "the foreign host sees the advisor's own requests");
        } finally {
            evil.stop(0);
        }
    }
}
