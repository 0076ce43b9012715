package io.tandem.site;

import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admins add and remove the firm's site origins at run time: the relay's and the signaling server's Origin checks,
 * tandem.js's CORS and the mirror's CSP follow at once on this node and within seconds on others; bad input is
 * problem+json; every change is audited.
 */
@QuarkusTest
class SiteOriginsResourceTest {

    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool db;

    @Inject
    SiteOrigins origins;

    private final WebSocketClient signaling = new WebSocketClient();

    /** Collects nothing: the upgrade's outcome is what these tests look at. Public: Jetty invokes it by handles. */
    public static class Quiet implements Session.Listener.AutoDemanding {

        @Override
        public void onWebSocketError(Throwable cause) {
            // a refused upgrade: the test asserts it from the connect future
        }
    }

    @BeforeEach
    void start() throws Exception {
        signaling.start();
    }

    @AfterEach
    void clean() throws Exception {
        signaling.stop();
        db.query("delete from site_origin").execute().await().indefinitely();
        origins.reload().await().indefinitely();
    }

    @Test
    void anAddedOriginMayConnectAtOnceAndOnceRemovedNewConnectionsAreRefused() throws Exception {
        String site = "https://www." + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String id = newSession(ADVISOR1, "Site Sally").getString("id");
        assertRefused(site, id);

        as(ADMIN).body(Map.of("origin", site + "/")).post("/api/admin/sites").then().statusCode(201)
                .body("added[0].origin", equalTo(site)).body("added[0].addedBy", equalTo("Dev Diaz"))
                .body("added[0].addedAt", notNullValue()).body("configured", hasItem(TestPorts.site()));
        try (RelayClient page = RelayClient.connect(base, id, "Bearer " + ADVISOR1, site).hello()) {
            assertEquals("advisor", page.welcome().json().path("role").asText(), "the relay takes the new origin");
        }
        Session call = signaling.connect(new Quiet(), signalingRequest(id, site)).get(5, TimeUnit.SECONDS);
        assertTrue(call.isOpen(), "the signaling server takes the new origin");
        call.close();
        preflight(site).then().statusCode(204).header("Access-Control-Allow-Origin", site);
        given().get("/console/").then().header("Content-Security-Policy", org.hamcrest.Matchers.anyOf(
                containsString(" " + site + ";"), containsString(" " + site + " "))); // the sites are a set: any order
        as(TestTokens.supervisor1()).queryParam("action", "site_added").get("/api/audit").then().statusCode(200)
                .body("items[0].detail", equalTo(site)).body("items[0].actorName", equalTo("Dev Diaz"));

        as(ADMIN).queryParam("origin", site).delete("/api/admin/sites").then().statusCode(200)
                .body("added.origin", org.hamcrest.Matchers.not(hasItem(site)));
        assertRefused(site, id);
        given().get("/console/").then().header("Content-Security-Policy",
                org.hamcrest.Matchers.not(containsString(site)));
        as(TestTokens.supervisor1()).queryParam("action", "site_removed").get("/api/audit").then().statusCode(200)
                .body("items[0].detail", equalTo(site));
    }

    @Test
    void malformedOriginsAreProblemsAndDuplicatesAreRefusedClearly() {
        for (String bad : new String[]{"", "   ", "www.insurer.example", "https://www.insurer.example/quote",
                "ftp://files.insurer.example", "https://www.insurer.example?x=1", "https://user@insurer.example",
                "https://", "https://www.insurer.example:99999", "https://" + "a".repeat(260) + ".example"}) {
            as(ADMIN).body(Map.of("origin", bad)).post("/api/admin/sites").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", notNullValue());
        }
        for (String body : new String[]{"{", "[]", "{\"origin\":7}", "{\"origin\":\"https://a.example\",\"x\":1}"}) {
            as(ADMIN).contentType("application/json").body(body).post("/api/admin/sites").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(ADMIN).body(Map.of("origin", "HTTPS://Dup.Example:443/")).post("/api/admin/sites").then().statusCode(201)
                .body("added[0].origin", equalTo("https://dup.example"));
        as(ADMIN).body(Map.of("origin", "https://dup.example")).post("/api/admin/sites").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("https://dup.example has been added already."));
        as(ADMIN).body(Map.of("origin", TestPorts.site())).post("/api/admin/sites").then().statusCode(409)
                .body("detail", containsString("is set in the configuration"));
        as(ADMIN).queryParam("origin", TestPorts.site()).delete("/api/admin/sites").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("can only be removed there"));
        as(ADMIN).queryParam("origin", "https://never-added.example").delete("/api/admin/sites").then()
                .statusCode(404).contentType("application/problem+json");
        as(ADMIN).delete("/api/admin/sites").then().statusCode(400).contentType("application/problem+json");

        as(TestTokens.supervisor1()).get("/api/admin/sites").then().statusCode(200)
                .body("added.origin", hasItem("https://dup.example"));
        as(TestTokens.supervisor1()).body(Map.of("origin", "https://sup.example")).post("/api/admin/sites").then()
                .statusCode(403).contentType("application/problem+json");
        as(ADVISOR1).get("/api/admin/sites").then().statusCode(403);
        given().get("/api/admin/sites").then().statusCode(401);
    }

    @Test
    void anOriginAddedOnAnotherNodeAppliesHereWithinSeconds() {
        String site = "https://other-node.example";
        // another node's change: the row in PostgreSQL, nothing said to this node
        db.preparedQuery("insert into site_origin (origin, added_by, added_at) values ($1, 'Node Two', $2)")
                .execute(Tuple.of(site, OffsetDateTime.now())).await().indefinitely();
        Poll.until(Duration.ofSeconds(15), () -> "https://other-node.example"
                .equals(preflight(site).getHeader("Access-Control-Allow-Origin")), "the added origin gets CORS");
        assertTrue(origins.webSockets().allows(site));
        db.preparedQuery("delete from site_origin where origin = $1").execute(Tuple.of(site)).await().indefinitely();
        Poll.until(Duration.ofSeconds(15), () -> preflight(site).getHeader("Access-Control-Allow-Origin") == null,
                "the removed origin loses CORS");
        assertFalse(origins.webSockets().allows(site));
    }

    private void assertRefused(String site, String sessionId) throws Exception {
        assertEquals(403, assertThrows(RelayClient.Refused.class,
                () -> RelayClient.connect(base, sessionId, "Bearer " + ADVISOR1, site)).status, "relay");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> signaling.connect(new Quiet(), signalingRequest(sessionId, site)).get(5, TimeUnit.SECONDS));
        assertEquals(403, assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode(), "signaling");
        preflight(site).then().statusCode(204).header("Access-Control-Allow-Origin", nullValue());
    }

    private static io.restassured.response.Response preflight(String site) {
        return given().header("Origin", site).header("Access-Control-Request-Method", "POST")
                .options("/api/help-requests");
    }

    private static ClientUpgradeRequest signalingRequest(String sessionId, String origin) {
        JsonPath token = as(ADVISOR1).post("/api/sessions/" + sessionId + "/signaling-token").then().statusCode(200)
                .extract().jsonPath();
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create(token.getString("url")));
        request.setSubProtocols("tandem-signal.v1", "bearer." + token.getString("token"));
        request.setHeader("Origin", origin);
        return request;
    }
}
