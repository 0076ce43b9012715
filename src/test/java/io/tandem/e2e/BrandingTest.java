package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.settings.Branding;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The firm's branding set at run time shows where customers and staff look: the join and consent page, the customer's
 * workspace, tandem.js's sharing pill on the firm's site, and the console header; the pill stays off the site's
 * navigation and the customer can move it; the settings page refuses a bad colour and a bad logo.
 */
@QuarkusTest
class BrandingTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final String GREEN = "rgb(11, 93, 30)";
    private static final String WHITE = "rgb(255, 255, 255)";

    private final BrowserPages pages = new BrowserPages();

    @Inject
    Pool db;

    @Inject
    Branding branding;

    @AfterEach
    void restore() {
        pages.closeAll();
        db.query("delete from branding").execute().await().indefinitely();
        branding.reload().await().indefinitely();
    }

    @Test
    void brandingSetThroughTheApiShowsOnTheJoinPageWorkspaceSitePillAndConsoleHeader() {
        as(ADMIN).body(Map.of("name", "Northwind Bank", "colour", "#0b5d1e")).put("/api/admin/branding").then()
                .statusCode(200);
        as(ADMIN).contentType("image/png").body(PNG).put("/api/admin/branding/logo").then().statusCode(200);

        JsonPath created = newSession(ADVISOR1, "Branded Bree");
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        assertThat(customer.locator("#consent")).isVisible();
        Locator bar = customer.locator(".brand-bar");
        assertThat(bar.locator("[data-brand-name]")).hasText("Northwind Bank");
        assertThat(bar).hasCSS("background-color", GREEN);
        assertThat(bar).hasCSS("color", WHITE);
        assertThat(bar.locator("img[data-brand-logo]")).isVisible();
        assertTrue(logoLoaded(customer), "the logo loads under the page's CSP");
        assertThat(customer.locator("#accept")).hasCSS("background-color", GREEN);

        customer.click("#accept");
        assertThat(customer.locator("#joined")).isVisible();
        assertThat(bar.locator("[data-brand-name]")).hasText("Northwind Bank"); // the workspace

        customer.click("#continue");
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Locator pill = customer.locator("[data-tandem-ui=banner] .bar");
        assertThat(pill.locator(".firm")).hasText("Northwind Bank");
        assertThat(pill).hasCSS("background-color", GREEN);
        assertThat(pill).hasCSS("color", WHITE);
        assertThat(pill.locator("img.logo")).isVisible();

        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + created.getString("id"));
        assertThat(console.locator(".topbar [data-brand-name]")).hasText("Northwind Bank");
        assertThat(console.locator(".topbar")).hasCSS("background-color", GREEN);
        assertThat(console.locator(".topbar img[data-brand-logo]")).isVisible();
    }

    @Test
    void theSharingPillStaysOffTheSitesNavigationAndTheCustomerMovesItByDragAndKeyboard() {
        Page customer = pages.customerSharing(newSession(ADVISOR1, "Moving Mo"));
        Locator pill = customer.locator("[data-tandem-ui=banner] .bar");
        assertThat(pill).isVisible();
        BoundingBox start = pill.boundingBox();
        for (String site : new String[]{".site-header", "nav.main-nav"}) {
            assertFalse(overlap(start, customer.locator(site).boundingBox()), "the pill covers " + site);
        }
        var viewport = customer.viewportSize();
        assertTrue(start.width < viewport.width / 2.0, "a small pill, not a bar: " + start.width);

        // drag it by its body (not the Stop button) up and to the right
        customer.mouse().move(start.x + 12, start.y + start.height / 2);
        customer.mouse().down();
        customer.mouse().move(start.x + 212, start.y + start.height / 2 - 150,
                new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        customer.mouse().up();
        BoundingBox dragged = pill.boundingBox();
        assertEquals(start.x + 200, dragged.x, 2, "dragged right");
        assertEquals(start.y - 150, dragged.y, 2, "dragged up");

        // and with the keyboard on its grip
        customer.locator("[data-tandem-ui=banner] .grip").focus();
        customer.keyboard().press("ArrowUp");
        customer.keyboard().press("ArrowUp");
        customer.keyboard().press("Shift+ArrowLeft");
        BoundingBox keyed = pill.boundingBox();
        assertEquals(dragged.y - 32, keyed.y, 1, "two steps up");
        assertEquals(dragged.x - 64, keyed.x, 1, "one large step left");
        assertEquals("Stop sharing", customer.locator("[data-tandem-ui=banner] button.stop").textContent());

        // the place is remembered on the next page of the site in this session
        customer.navigate(customer.url().replaceAll("/demo/.*", "/demo/quote.html"));
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        assertThat(pill).isVisible();
        BoundingBox again = pill.boundingBox();
        assertEquals(keyed.x, again.x, 1);
        assertEquals(keyed.y, again.y, 1);
    }

    @Test
    void anAdminBrandsFromTheSettingsPageALightColourGetsDarkTextAndBadColoursAndLogosAreRefused() {
        Page admin = pages.staff(ADMIN);
        admin.navigate(BASE + "/supervisor/");
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#brand-name")).hasValue("Harbor Mutual");
        assertThat(admin.locator("#brand-colour")).hasValue("#163a63");

        admin.fill("#brand-colour", "#12");
        admin.click("#branding-save");
        assertThat(admin.locator("#branding-status")).hasText("The colour must be a hex colour such as #163a63.");
        assertThat(admin.locator("#branding-status")).hasAttribute("data-state", "error");

        admin.locator("#brand-logo").setInputFiles(new FilePayload("logo.gif", "image/gif",
                "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(admin.locator("#branding-status")).hasText("The logo must be a PNG, SVG, JPEG or WebP image.");
        as(ADMIN).get("/api/admin/branding").then().statusCode(200)
                .body("colour", org.hamcrest.Matchers.equalTo("#163a63"))
                .body("logoUrl", org.hamcrest.Matchers.nullValue());

        admin.fill("#brand-name", "Fjord Savings");
        admin.fill("#brand-colour", "#f5d000");
        assertThat(admin.locator("#brand-contrast")).hasText(Pattern.compile("Text on this colour is dark"));
        admin.click("#branding-save");
        assertThat(admin.locator("#branding-status")).hasText(Pattern.compile("Last changed by admin1"));
        assertThat(admin.locator(".topbar [data-brand-name]")).hasText("Fjord Savings");
        assertThat(admin.locator(".topbar")).hasCSS("color", "rgb(17, 24, 39)");

        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 10\" onload=\"window.pwned=1\">"
                + "<script>window.pwned=2</script><rect width=\"20\" height=\"10\" fill=\"#0b5d1e\"/></svg>";
        admin.locator("#brand-logo").setInputFiles(new FilePayload("logo.svg", "image/svg+xml",
                svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(admin.locator("#brand-preview-logo")).isVisible();
        assertThat(admin.locator(".topbar img[data-brand-logo]")).isVisible();

        Page customer = pages.anonymous();
        customer.navigate(BASE + "/join");
        assertThat(customer.locator(".brand-bar [data-brand-name]")).hasText("Fjord Savings");
        assertThat(customer.locator(".brand-bar")).hasCSS("color", "rgb(17, 24, 39)");
        assertThat(customer.locator(".brand-bar img[data-brand-logo]")).isVisible();
        assertTrue(logoLoaded(customer), "the SVG logo loads");
        assertEquals(null, customer.evaluate("() => window.pwned ?? null"), "the SVG ran nothing");
    }

    /**
     * Whether the brand bar's logo loaded, once the browser is done with it (an image is laid out, so visible, before
     * its bytes have arrived; a refused one completes with no size).
     */
    private static boolean logoLoaded(Page page) {
        page.waitForFunction("() => { const i = document.querySelector('.brand-bar img'); return i && i.complete; }");
        return (Boolean) page.evaluate("() => document.querySelector('.brand-bar img').naturalWidth > 0");
    }

    private static boolean overlap(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }
}
