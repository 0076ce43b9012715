package io.tandem.e2e;

import java.time.Duration;
import io.tandem.testing.Poll;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Browsers;
import io.tandem.testing.KeycloakTestResource;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Staff sign in through a real Keycloak (the repo's realm) on its real login page, in Chromium: the console's
 * authorization code flow with PKCE, the tokens it gets used on the API and the relay, roles from the realm, sign-out.
 * The app of this suite trusts only that Keycloak: the WireMock-signed tokens of the other suites are refused.
 */
@QuarkusTest
@TestProfile(KeycloakSignInTest.RealKeycloak.class)
class KeycloakSignInTest {

    /** The test profile: quarkus-oidc on the real Keycloak's realm, origins on the test port. */
    public static class RealKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String app = "${quarkus.http.test-port}";
            Map<String, String> overrides = new HashMap<>();
            // What the prod configuration expects of Keycloak tokens (application.properties without %test).
            both(overrides, "quarkus.oidc.auth-server-url", "${" + KeycloakTestResource.URL_PROPERTY + "}/realms/"
                    + KeycloakTestResource.REALM);
            both(overrides, "quarkus.oidc.client-id", "tandem-api");
            both(overrides, "quarkus.oidc.token.audience", "tandem-api");
            // The app runs on the test port chosen for this run (TestPorts).
            both(overrides, "tandem.public-url", "http://localhost:" + app);
            both(overrides, "tandem.relay.allowed-origins", "http://localhost:8080,http://localhost:" + app
                    + ",http://127.0.0.1:" + app);
            both(overrides, "tandem.site.origins", "http://127.0.0.1:" + app);
            // The console pages' server-side sign-in (off in the fast suites), with the realm's dev secret.
            both(overrides, "quarkus.oidc.console.tenant-enabled", "true");
            both(overrides, "quarkus.http.auth.permission.console.enabled", "true");
            both(overrides, "quarkus.oidc.console.credentials.secret", KeycloakTestResource.CONSOLE_SECRET);
            // Refresh on every token request (the realm's tokens live 5 min), so a test sees the server refresh.
            both(overrides, "quarkus.oidc.console.token.refresh-token-time-skew", "6M");
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakTestResource.class));
        }

        /** Plain and %test-prefixed, so the override wins over application.properties' %test values either way. */
        private static void both(Map<String, String> overrides, String key, String value) {
            overrides.put(key, value);
            overrides.put("%test." + key, value);
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @jakarta.inject.Inject
    io.tandem.settings.Branding branding;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool db;

    @Test
    void theLoginPageShowsTheFirmsNameAndColourAsSetInTandem() {
        branding.change(new io.tandem.settings.BrandingRequest("Kestrel Bank", "#0b5d1e"), "test").await()
                .indefinitely();
        try {
            Page page = newPage();
            page.navigate(base() + "/console/");
            assertLoginPage(page);
            assertThat(page.locator("#kc-header-wrapper")).hasText("Kestrel Bank");
            assertThat(page.locator("#kc-header-wrapper")).hasCSS("background-color", "rgb(11, 93, 30)");
            assertThat(page.locator("#kc-login")).hasCSS("background-color", "rgb(11, 93, 30)");
        } finally {
            db.query("delete from branding").execute().await().indefinitely();
            branding.reload().await().indefinitely();
        }
    }

    @Test
    void theAppTrustsTheRealKeycloakAndNotTheWireMockIssuerOfTheOtherSuites() {
        assertTrue(realm.matches("http://localhost:\\d+/realms/tandem"), realm);
        given().get("/api/config").then().statusCode(200).body("oidc.authority", equalTo(realm))
                .body("oidc.clientId", equalTo("tandem-console"));
        as(TestTokens.advisor1()).get("/api/sessions").then().statusCode(401);
        String token = passwordGrant("advisor1");
        Map<?, ?> claims = claims(token);
        assertEquals(realm, claims.get("iss"));
        assertTrue(String.valueOf(claims.get("aud")).contains("tandem-api"), "audience: " + claims.get("aud"));
        as(token).get("/api/sessions").then().statusCode(200);
    }

    @Test
    void staffTokensCarryTheTeamOfTheUsersProfileAndTheAppFindsColleaguesByIt() {
        String ben = passwordGrant("advisor2");
        assertEquals("Claims", claims(ben).get("team"), "the realm maps the user-profile attribute team");
        assertEquals("Home Cover", claims(passwordGrant("advisor1")).get("team"));
        assertFalse(claims(passwordGrant("supervisor1")).containsKey("team"), "no team, no claim");
        // Ben signs in once (his record takes the team), and Alice finds him, and his team, by the team's name
        as(ben).get("/api/invitations").then().statusCode(200);
        JsonPath found = as(passwordGrant("advisor1")).queryParam("q", "claims").get("/api/staff/colleagues").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(found.getList("teams").contains("Claims"), found.prettify());
        assertTrue(found.getList("people.findAll { it.team == 'Claims' }.name").contains("Ben Baker"),
                found.prettify());
    }

    @Test
    void anAdvisorSignsInOnKeycloaksLoginPageCreatesASessionAndTheCustomerIsAdmitted() {
        Page console = signIn("advisor1", "Alice Archer");
        Map<?, ?> claims = claims(storedAccessToken(console));
        assertEquals(realm, claims.get("iss"), "the console holds a token of the real realm");
        assertEquals("advisor1", claims.get("preferred_username"));

        console.click("#new-session");
        console.locator("#new-customer summary").click();
        console.fill("#new-name", "Keycloak Kim");
        console.fill("#purpose", "home policy review");
        console.click("#create");
        assertThat(console.locator("#session-title")).hasText("Keycloak Kim");
        assertThat(console.locator("#sessions li.selected .who")).hasText("Keycloak Kim");
        assertThat(console.locator("#invite-code")).hasText(Pattern.compile("[1-9][0-9]{5}"));
        assertThat(console.locator("#invite-link")).hasValue(Pattern.compile(literal(base()) + "/join#.{43}"));
        String joinUrl = console.locator("#invite-link").inputValue();
        // the console's relay connection is authorised with the real access token
        console.waitForFunction("() => document.body.dataset.relay === 'open'");

        // The customer: another browser profile, never signed in anywhere.
        Page customer = newPage();
        customer.navigate(joinUrl);
        assertThat(customer.locator("#advisor-name")).hasText("Alice Archer");
        customer.click("#accept");
        assertThat(customer.locator("#joined-advisor")).hasText("Alice Archer");
        customer.waitForFunction("() => document.body.dataset.relay === 'open'");
        assertThat(customer.locator("#joined-status")).hasText("Alice Archer is connected",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(customer.locator("#continue")).isVisible();
        assertThat(console.locator("#customer-presence")).hasText("Customer connected",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(console.locator("#session-status")).hasText("In progress",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
    }

    @Test
    void anotherAdvisorFollowingALinkToTheSessionSignsInAndGetsTheForbiddenState() {
        String id = as(passwordGrant("advisor1")).body(Map.of("customer", Map.of("name", "Private Pia"))).post(
                "/api/sessions").then().statusCode(201).extract().path("id");

        // advisor2 follows a link to advisor1's session while signed out.
        Page console = newPage();
        List<Response> lookups = new CopyOnWriteArrayList<>();
        List<String> sockets = new CopyOnWriteArrayList<>();
        console.onResponse(r -> {
            if (r.url().endsWith("/api/sessions/" + id)) {
                lookups.add(r);
            }
        });
        console.onWebSocket(ws -> sockets.add(ws.url()));
        signIn(console, "/console/?session=" + id, "advisor2", "Ben Baker");
        assertThat(console).hasURL(base() + "/console/?session=" + id); // the link survives the login page

        console.waitForCondition(() -> !lookups.isEmpty());
        Response denied = lookups.get(0);
        assertEquals(403, denied.status(), "GET /api/sessions/{id} of advisor1's session as advisor2");
        assertEquals("Forbidden", JsonPath.from(denied.text()).getString("title"));
        assertThat(console.locator("#unavailable")).isVisible();
        assertThat(console.locator("#unavailable")).hasAttribute("data-status", "403");
        assertThat(console.locator("#unavailable-text")).containsText("another advisor");
        // Nothing of advisor1's session reaches the page: no panel, no name, no relay connection to it.
        assertThat(console.locator("#session")).isHidden();
        assertThat(console.locator("body")).not().containsText("Private Pia");
        assertTrue(sockets.stream().noneMatch(u -> u.contains(id)), "relay sockets opened: " + sockets);
        as(storedAccessToken(console)).get("/api/sessions/" + id).then().statusCode(403);
    }

    @Test
    void aSupervisorSeesTheSessionsOfBothAdvisors() {
        as(passwordGrant("advisor1")).body(Map.of("customer", Map.of("name", "Supervised Sue"))).post(
                "/api/sessions").then().statusCode(201);
        as(passwordGrant("advisor2")).body(Map.of("customer", Map.of("name", "Supervised Sid"))).post(
                "/api/sessions").then().statusCode(201);

        Page console = signIn("supervisor1", "Carla Castillo");
        assertThat(console.locator("#sessions .who", new Page.LocatorOptions().setHasText("Supervised Sue")))
                .hasCount(1);
        assertThat(console.locator("#sessions .who", new Page.LocatorOptions().setHasText("Supervised Sid")))
                .hasCount(1);
        as(storedAccessToken(console)).get("/api/sessions?size=50").then().statusCode(200)
                .body("items.advisor.name", hasItems("Alice Archer", "Ben Baker"));
        as(passwordGrant("advisor2")).get("/api/sessions?size=50").then().statusCode(200)
                .body("items.customer.name", hasItem("Supervised Sid"))
                .body("items.customer.name", not(hasItem("Supervised Sue")));
    }

    @Test
    void theSupervisorPageSignsInThroughKeycloakAndListsEveryAdvisorsSessions() {
        as(passwordGrant("advisor2")).body(Map.of("customer", Map.of("name", "Logged Lou"))).post("/api/sessions")
                .then().statusCode(201);
        Page page = newPage();
        page.navigate(base() + "/supervisor/");
        assertLoginPage(page);
        page.fill("#username", "supervisor1");
        page.fill("#password", "supervisor1-demo");
        page.click("#kc-login");
        assertThat(page.locator("#me")).hasText("Carla Castillo");
        assertTrue(page.url().startsWith(base() + "/supervisor/"), page.url());
        assertThat(page.locator("#session-table tbody tr", new Page.LocatorOptions().setHasText("Logged Lou")))
                .hasCount(1);
        assertThat(page.locator("#problem")).isHidden();
    }

    @Test
    void signedOutTheConsolePageRedirectsToKeycloakWithPkceAndTheApiAndTokenEndpointSay401Or499() {
        // the server runs the code flow: a page request without a sign-in is sent to Keycloak's authorization endpoint
        String location = given().redirects().follow(false).get("/console/?session=abc").then().statusCode(302)
                .extract().header("Location");
        assertTrue(location.startsWith(realm + "/protocol/openid-connect/auth?"), location);
        assertTrue(location.contains("client_id=tandem-console"), location);
        assertTrue(location.contains("code_challenge=") && location.contains("code_challenge_method=S256"), location);
        assertTrue(location.contains("response_type=code"), location);
        // the page's script is told "not signed in" instead of being redirected; the API answers problem+json
        given().header("X-Requested-With", "JavaScript").get("/console/token").then().statusCode(499);
        given().get("/api/sessions").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theServerKeepsTheTokensAndHandsThePageAFreshAccessTokenOnly() {
        Page console = signIn("advisor1", "Alice Archer");
        String first = storedAccessToken(console);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) console.evaluate("() => fetch('/console/token', "
                + "{headers: {'X-Requested-With': 'JavaScript'}}).then(r => r.json())");
        String second = (String) answer.get("accessToken");
        assertEquals(Set.of("accessToken"), answer.keySet(), "no refresh or ID token leaves the server");
        // this suite refreshes on every request (time skew 6 min): a new token of the same sign-in, both valid
        assertNotEquals(first, second);
        assertEquals(claims(first).get("sid"), claims(second).get("sid"));
        as(second).get("/api/sessions").then().statusCode(200);
        // the session cookie is the server's, out of the scripts' reach
        for (Cookie cookie : console.context().cookies()) {
            if (cookie.name.startsWith("q_session")) {
                assertTrue(cookie.httpOnly, cookie.name);
            }
        }
        assertEquals("", console.evaluate("() => document.cookie"));
        // without the script header the token endpoint refuses (a cross-site form or image cannot add it)
        given().cookies(cookies(console)).get("/console/token").then().statusCode(400);
    }

    @Test
    void signingOutEndsTheKeycloakSessionSoTheConsoleAsksForTheLoginAgain() {
        Page console = signIn("advisor1", "Alice Archer");
        Map<String, String> cookies = cookies(console);
        given().cookies(cookies).header("X-Requested-With", "JavaScript").get("/console/token").then()
                .statusCode(200);
        signOut(console);
        // Back at the console with no sign-in: the server sends it to Keycloak, which (no SSO session left) asks again.
        assertLoginPage(console);
        // the server's session of that browser is over: its old cookies get no token any more
        given().cookies(cookies).header("X-Requested-With", "JavaScript").get("/console/token").then()
                .statusCode(anyOf(is(401), is(499)));

        console.navigate(base() + "/console/");
        assertLoginPage(console);
        assertFalse(console.url().startsWith(base()), "not silently signed back in: " + console.url());
    }

    @Test
    void aMirroredPagesImageOrStyleSheetCannotSignTheAdvisorOut() {
        Page console = signIn("advisor1", "Alice Archer");
        Map<String, String> cookies = cookies(console);
        // what a customer's page mirrored in the console would carry (rrweb's frame: sandboxed, same origin)
        console.evaluate("() => new Promise((done) => { const f = document.createElement('iframe');"
                + " f.setAttribute('sandbox', 'allow-same-origin');"
                + " f.srcdoc = '<img src=\"/console/sign-out\"><img src=\"/sign-in-again\">"
                + "<link rel=\"stylesheet\" href=\"/console/sign-out\">';"
                + " f.onload = () => { const imgs = [...f.contentDocument.images];"
                + " const settled = () => imgs.every((i) => i.complete);"
                + " const wait = () => settled() ? done() : setTimeout(wait, 50); wait(); };"
                + " document.body.append(f); })");
        // still signed in: the browser keeps its session cookies (a sign-out drops them; a token refresh may rewrite
        // their values), the server's session of this browser hands out tokens, and the console stays
        Map<String, String> after = cookies(console);
        assertEquals(cookies.keySet(), after.keySet());
        given().cookies(after).header("X-Requested-With", "JavaScript").get("/console/token").then()
                .statusCode(200);
        console.reload();
        assertThat(console.locator("#me")).hasText("Alice Archer");
        assertTrue(console.url().startsWith(base() + "/console/"), console.url());
    }

    @Test
    void keycloakTellsTheAppOfTheSignOutSoThatSignInsSocketClosesAndItsTokenIsRefused() {
        Page console = signIn("advisor1", "Alice Archer");
        String access = storedAccessToken(console);
        // a relay socket of this sign-in, open elsewhere (another tab, say)
        String id = as(access).body(Map.of("customer", Map.of("name", "Signed-out Sam"))).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
        try (RelayClient socket = RelayClient.staff(URI.create(base()), id, access).hello()) {
            signOut(console);
            assertLoginPage(console);
            assertEquals(4401, socket.closeCode(10), "the signed-out session's relay socket is closed");
        }
        as(access).get("/api/sessions").then().statusCode(401);
        // other sign-ins of the same person are untouched
        as(passwordGrant("advisor1")).get("/api/sessions").then().statusCode(200);
    }

    @Test
    void aSignOutAtKeycloakEndsTheOpenConsoleWithinSecondsAndTheAdvisorCanRejoin() {
        Page console = signIn("supervisor1", "Carla Castillo");
        String advisor = passwordGrant("advisor1");
        String id = as(advisor).body(Map.of("customer", Map.of("name", "Watched Wanda"))).post("/api/sessions").then()
                .statusCode(201).extract().path("id");
        console.navigate(base() + "/console/?session=" + id);
        assertThat(console.locator("body")).hasAttribute("data-relay", "open");
        assertThat(console.locator("#signed-out")).isHidden();

        KeycloakTestResource.signOutEverywhere("supervisor1");

        assertThat(console.locator("#signed-out")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(10_000));
        assertThat(console.locator("body")).hasAttribute("data-relay-auth-close", "4401");
        assertThat(console.locator("body")).hasAttribute("data-relay", "closed"); // no reconnecting with it
        assertThat(console.locator("#session-title")).hasText("Watched Wanda"); // nothing lost on screen
        // signing in again goes through Keycloak's login page and comes back to the same session
        List<String> seen = new CopyOnWriteArrayList<>();
        console.onResponse(r -> seen.add(r.status() + " " + r.url()));
        console.click("#sign-in-again");
        try {
            assertLoginPage(console);
        } catch (AssertionError e) {
            throw new AssertionError("after 'sign in again' the console saw " + seen + "; data-sign-in="
                    + console.locator("body").getAttribute("data-sign-in"), e);
        }
        console.fill("#username", "supervisor1");
        console.fill("#password", "supervisor1-demo");
        console.click("#kc-login");
        assertThat(console.locator("#session-title")).hasText("Watched Wanda");
        assertThat(console.locator("body")).hasAttribute("data-relay", "open");
        assertTrue(console.url().contains("session=" + id), console.url());
    }

    @Test
    void aRealTokenThatExpiresClosesTheAdvisorsSocketWith4401AndIsThenRefused() throws InterruptedException {
        String advisor = passwordGrant("advisor1");
        String id = as(advisor).body(Map.of("customer", Map.of("name", "Expiring Eli"))).post("/api/sessions").then()
                .statusCode(201).extract().path("id");
        String shortLived = given().formParam("grant_type", "password")
                .formParam("client_id", KeycloakTestResource.SHORT_LIVED_CLIENT).formParam("username", "advisor1")
                .formParam("password", "advisor1-demo").post(realm + "/protocol/openid-connect/token").then()
                .statusCode(200).extract().path("access_token");
        Map<?, ?> claims = claims(shortLived);
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertEquals(KeycloakTestResource.SHORT_LIVED_SECONDS, lifetime, "the fixture client's token lifetime");
        try (RelayClient socket = RelayClient.staff(URI.create(base()), id, shortLived).hello()) {
            assertEquals(4401, socket.closeCode(KeycloakTestResource.SHORT_LIVED_SECONDS + 8));
        }
        // the relay closes a second early; the token itself is good until exp: once it is past, the upgrade is refused.
        // Polling this fast spends the advisor's connect budget: a 429 (connecting too fast, answered before the token
        // is checked) only means "not yet", as a connect comes back every second
        Poll.until(Duration.ofSeconds(KeycloakTestResource.SHORT_LIVED_SECONDS + 10), () -> {
            try (RelayClient again = RelayClient.staff(URI.create(base()), id, shortLived)) {
                return 0;
            } catch (RelayClient.Refused refused) {
                return refused.status;
            }
        }, status -> status == 401, "the expired token refused at the upgrade");
        assertEquals(401, assertThrows(RelayClient.Refused.class,
                () -> RelayClient.staff(URI.create(base()), id, shortLived)).status);
        as(shortLived).get("/api/sessions").then().statusCode(401);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Page newPage() {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        return context.newPage();
    }

    /** A fresh browser profile that opens the console and signs in on Keycloak's own login page. */
    private Page signIn(String username, String fullName) {
        Page page = newPage();
        signIn(page, "/console/", username, fullName);
        assertThat(page).hasURL(base() + "/console/");
        return page;
    }

    /** Opens {@code path} of the console signed out, lands on Keycloak's login page, signs in, is back. */
    private void signIn(Page page, String path, String username, String fullName) {
        page.navigate(base() + path);
        assertLoginPage(page);
        assertTrue(page.url().contains("code_challenge_method=S256"), "PKCE: " + page.url());
        page.fill("#username", username);
        page.fill("#password", username + "-demo");
        page.click("#kc-login");
        assertThat(page.locator("#me")).hasText(fullName);
        assertTrue(page.url().startsWith(base() + "/console/"), page.url());
        assertFalse(page.url().contains("code="), "the authorization code is removed from the address bar");
    }

    /** The console's sign-out control, and Keycloak's confirmation if it asks for one. */
    private void signOut(Page console) {
        console.click("#sign-out");
        console.waitForURL(url -> url.startsWith(realm + "/"));
        // Keycloak asks to confirm when the logout request carries no id_token_hint (the console sends none).
        if ("kc-logout".equals(console.waitForSelector("#kc-logout, #kc-form-login").getAttribute("id"))) {
            System.out.println("[keycloak-e2e] sign-out: Keycloak showed its logout confirmation page");
            console.click("#kc-logout");
        }
    }

    private void assertLoginPage(Page page) {
        assertThat(page).hasURL(Pattern.compile(literal(realm) + "/protocol/openid-connect/auth\\?.*"),
                new PageAssertions.HasURLOptions().setTimeout(15_000));
        assertThat(page.locator("#kc-form-login")).isVisible();
        assertThat(page.locator("#username")).isEditable();
    }

    /** A regex matching {@code text} literally (Playwright evaluates it as a JavaScript regex: no \Q...\E). */
    private static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }

    private static Map<String, String> cookies(Page console) {
        Map<String, String> cookies = new HashMap<>();
        for (Cookie cookie : console.context().cookies()) {
            if (cookie.domain.equals("localhost") && cookie.name.startsWith("q_")) {
                cookies.put(cookie.name, cookie.value);
            }
        }
        assertFalse(cookies.isEmpty(), "the console has a session cookie");
        return cookies;
    }

    private static String storedAccessToken(Page console) {
        return (String) console.evaluate("() => JSON.parse(sessionStorage.getItem('tandem.staff')).access");
    }

    /** An access token from the realm by the password grant (API-level setup only; the UI signs in for real). */
    private String passwordGrant(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", "tandem-console")
                .formParam("client_secret", KeycloakTestResource.CONSOLE_SECRET)
                .formParam("username", username).formParam("password", username + "-demo")
                .post(realm + "/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    private static Map<?, ?> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getMap("");
    }
}
