package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.Browsers;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A site integrated at run time: a page on an origin Tandem has never heard of (a small web server of the test's own on
 * a free port) carries the one-tag snippet. Its "Get help" is refused until an admin adds the origin on the Settings
 * page; then the visitor co-browses with an advisor without a restart. Once the admin removes it, a new visitor is
 * refused again.
 */
@QuarkusTest
class SiteOriginBrowserTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<Page> pages = new ArrayList<>();
    private HttpServer site;
    private String siteOrigin;

    @RegisterExtension
    final TestWatcher screenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (int i = 0; i < pages.size(); i++) {
                try {
                    Path file = Path.of("target", "screenshots", "SiteOriginBrowserTest-"
                            + context.getRequiredTestMethod().getName() + "-" + i + ".png");
                    Files.createDirectories(file.getParent());
                    pages.get(i).screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                } catch (RuntimeException | IOException e) {
                    // a page already closed: nothing to attach
                }
            }
        }
    };

    @BeforeEach
    void serveTheSite() throws IOException {
        // 127.0.0.1 on a free port: an origin neither configured nor added (the test server's own is localhost)
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String page = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Northwind Savings: your loan</title></head>
                <body>
                <h1>Your loan application</h1>
                <label>Your name <input id="loan-name" autocomplete="off"></label>
                <script src="%s/tandem.js" data-tandem-site="Northwind Savings" defer></script>
                </body>
                </html>
                """.formatted(BASE);
        site.createContext("/loan.html", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        pages.clear();
        site.stop(0);
        // the origin may be left over when the test failed half-way
        as(ADMIN).queryParam("origin", siteOrigin).delete("/api/admin/sites");
    }

    @Test
    void anAdminAddsTheSitesOriginAndItsPageIsCoBrowsedThenRemovingItRefusesNewVisitors() {
        Page before = open(siteOrigin + "/loan.html", null);
        before.locator("[data-tandem-ui=help] #help").click();
        assertThat(before.locator("[data-tandem-ui=help] #error")).isVisible();
        assertThat(before.locator("[data-tandem-ui=help] #code")).hasText("");

        Page admin = open(BASE + "/supervisor/", ADMIN);
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#sites-table tr[data-origin='" + TestPorts.site() + "']"))
                .containsText("Set in the server configuration");
        admin.fill("#site-origin", siteOrigin + "/");
        admin.click("#site-add");
        assertThat(admin.locator("#sites-status")).hasText(siteOrigin + " was added. Its pages can be co-browsed now.");
        assertThat(admin.locator("#sites-table tr[data-origin='" + siteOrigin + "']"))
                .containsText("Added by Dev Diaz");
        admin.fill("#site-origin", siteOrigin);
        admin.click("#site-add");
        assertThat(admin.locator("#sites-status")).hasText(siteOrigin + " has been added already.");

        Page visitor = open(siteOrigin + "/loan.html", null);
        Page console = advisorClaims(codeShownTo(visitor), "Northwind Nora");
        assertThat(visitor.locator("[data-tandem-ui=help] #advisor")).hasText("Alice Archer",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        visitor.locator("[data-tandem-ui=help] #accept").click();
        visitor.waitForFunction("() => window.__tandem.sharing === true");
        assertThat(console.frameLocator("#mirror iframe").locator("#loan-name")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));
        visitor.locator("#loan-name").pressSequentially("Nora from Northwind");
        assertThat(console.frameLocator("#mirror iframe").locator("#loan-name")).hasValue("Nora from Northwind");

        admin.locator("#sites-table tr[data-origin='" + siteOrigin + "'] button.remove").click();
        assertThat(admin.locator("#sites-status")).hasText(Pattern.compile("was removed"));
        assertThat(admin.locator("#sites-table tr[data-origin='" + siteOrigin + "']")).hasCount(0);

        Page after = open(siteOrigin + "/loan.html", null);
        after.locator("[data-tandem-ui=help] #help").click();
        assertThat(after.locator("[data-tandem-ui=help] #error")).isVisible();
        assertThat(after.locator("[data-tandem-ui=help] #code")).hasText("");
    }

    private Page open(String url, String staffToken) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        if (staffToken != null) {
            context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + staffToken
                    + "', exp: 4102444800}))");
        }
        Page page = context.newPage();
        pages.add(page);
        page.navigate(url);
        return page;
    }

    private static String codeShownTo(Page visitor) {
        visitor.locator("[data-tandem-ui=help] #help").click();
        assertThat(visitor.locator("[data-tandem-ui=help] #code")).hasText(Pattern.compile("[1-9][0-9]{2} [0-9]{3}"));
        return visitor.locator("[data-tandem-ui=help] #code").textContent();
    }

    private Page advisorClaims(String code, String customerName) {
        Page console = open(BASE + "/console/", ADVISOR1);
        console.click("#new-session");
        console.fill("#help-code", code);
        console.locator("#new-customer summary").click();
        console.fill("#new-name", customerName);
        console.fill("#purpose", "help with the loan application");
        console.click("#create");
        assertThat(console.locator("#session-title")).hasText(customerName);
        return console;
    }
}
