package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.RelayClient.Frame;
import io.tandem.testing.RelayClient.Refused;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may open a relay socket: every refusal is an HTTP status before the upgrade, never a 101. */
@QuarkusTest
class RelayAdmissionTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String ADVISOR2 = TestTokens.advisor2();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @TestHTTPResource("/")
    URI base;

    private int refusal(Runnable connect) {
        return assertThrows(Refused.class, connect::run).status;
    }

    @Test
    void foreignOrMissingOriginIsRefusedWith403() {
        String id = newSession(ADVISOR1, "Origin Olive").getString("id");
        assertEquals(403, refusal(() -> RelayClient.connect(base, id, "Bearer " + ADVISOR1, "https://evil.example")));
        assertEquals(403, refusal(() -> RelayClient.connect(base, id, "Bearer " + ADVISOR1, null)));
        assertEquals(403, refusal(() -> RelayClient.connect(base, id, "Bearer " + ADVISOR1, "http://localhost:9999")));
    }

    @Test
    void missingExpiredOrForgedCredentialsAreRefusedWith401() {
        String id = newSession(ADVISOR1, "Token Tim").getString("id");
        String expired = TestTokens.claims("sub-advisor1", "advisor1", "Alice", "advisor")
                .issuedAt(java.time.Instant.now().minusSeconds(3600))
                .expiresAt(java.time.Instant.now().minusSeconds(60)).sign();
        assertEquals(401, refusal(() -> RelayClient.connect(base, id, null, RelayClient.ORIGIN)));
        assertEquals(401, refusal(() -> RelayClient.staff(base, id, expired)));
        assertEquals(401, refusal(() -> RelayClient.staff(base, id, TestTokens.forged("sub-advisor1", "advisor"))));
        assertEquals(401, refusal(() -> RelayClient.customer(base, id, "tdc1.forged")));
    }

    @Test
    void advisorCannotEnterAnotherAdvisorsSessionButSupervisorCanSilently() {
        JsonPath created = newSession(ADVISOR1, "Owned Otto");
        String id = created.getString("id");
        assertEquals(403, refusal(() -> RelayClient.staff(base, id, ADVISOR2)));
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient supervisor = RelayClient.staff(base, id, SUPERVISOR)) {
            supervisor.send("sys.hello", 0, null, "{\"epoch\":\"sup\"}");
            Frame welcome = supervisor.await("sys.welcome");
            assertEquals("supervisor", welcome.json().path("role").asText());
            customer.sendReliable("dom.snap", null, "{\"watched\":true}");
            supervisor.await("dom.snap");
            // the customer's presence never lists the silent supervisor
            for (Frame f : customer.drain(300)) {
                if (f.type().equals("sys.presence")) {
                    assertFalse(f.text().contains("supervisor"), f.text());
                }
            }
            // and a supervisor may not act in the session
            supervisor.send("ptr.move", 0, null, "{\"x\":1,\"y\":1}");
            assertEquals(4403, supervisor.closeCode(3));
            assertFalse(customer.isClosed());
        }
    }

    @Test
    void customerCredentialOpensOnlyItsOwnSession() {
        JsonPath mine = newSession(ADVISOR1, "Mine Mia");
        JsonPath other = newSession(ADVISOR1, "Other Omar");
        String credential = admit(mine.getString("code"));
        admit(other.getString("code"));
        assertEquals(403, refusal(() -> RelayClient.customer(base, other.getString("id"), credential)));
        // a customer credential is no staff token
        assertEquals(401, refusal(() -> RelayClient.staff(base, mine.getString("id"), credential)));
        try (RelayClient ok = RelayClient.customer(base, mine.getString("id"), credential).hello()) {
            assertFalse(ok.isClosed());
        }
    }

    @Test
    void stageCredentialsAreMintedOnlyForTheSessionsAdvisorAndOpenOnlyThatSession() {
        JsonPath mine = newSession(ADVISOR1, "Stage Sid");
        JsonPath other = newSession(ADVISOR1, "Stage Sue");
        String credential = admit(mine.getString("code"));
        as(ADVISOR2).post("/api/sessions/" + mine.getString("id") + "/stage-credential").then().statusCode(403);
        as(SUPERVISOR).post("/api/sessions/" + mine.getString("id") + "/stage-credential").then().statusCode(403);
        io.tandem.testing.Api.customer(credential).post("/api/sessions/" + mine.getString("id") + "/stage-credential")
                .then().statusCode(403);
        String stage = as(ADVISOR1).post("/api/sessions/" + mine.getString("id") + "/stage-credential").then()
                .statusCode(200).extract().path("credential");
        assertEquals(403, refusal(() -> RelayClient.connect(base, other.getString("id"), "Stage " + stage,
                RelayClient.ORIGIN)));
        assertEquals(401, refusal(() -> RelayClient.customer(base, mine.getString("id"), stage)),
                "a stage credential is no customer credential");
        io.tandem.testing.Api.customer(stage).get("/api/customer/session").then().statusCode(401);
        try (RelayClient page = RelayClient.connect(base, mine.getString("id"), "Stage " + stage,
                RelayClient.ORIGIN).hello();
                RelayClient advisor = RelayClient.staff(base, mine.getString("id"), ADVISOR1).hello();
                RelayClient customer = RelayClient.customer(base, mine.getString("id"), credential).hello()) {
            String pageId = page.welcome().json().path("participantId").asText();
            assertTrue(pageId.startsWith("stage:"), pageId);
            advisor.send("sys.stage", 0, null, "{\"mode\":\"advisor\",\"sharer\":\"" + pageId + "\"}");
            page.await("sys.snapshot-request");
            page.sendReliable("dom.snap", null, "{\"advisor\":\"page\"}");
            Frame snap = customer.await("dom.snap");
            assertEquals(pageId, snap.from());
            // nobody may name someone else's page as the sharer
            advisor.send("sys.stage", 0, null, "{\"mode\":\"advisor\",\"sharer\":\"customer\"}");
            assertEquals(4400, advisor.closeCode(3));
        }
    }

    /** A relay upgrade as a browser sends it, through RestAssured: a refusal is answered with a response, not a 101. */
    private static io.restassured.response.ValidatableResponse upgrade(String sessionId, String authorization,
            String origin) {
        io.restassured.specification.RequestSpecification request = io.restassured.RestAssured.given().header(
                "Connection", "Upgrade").header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13").header(
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Protocol",
                        "tandem.v1")
                .header("Origin", origin);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.get("/ws/sessions/" + sessionId).then();
    }

    @Test
    void refusedUpgradesAreAnsweredWithProblemJsonThatSaysWhy() {
        upgrade(UUID.randomUUID().toString(), "Bearer " + ADVISOR1, RelayClient.ORIGIN).statusCode(404).contentType(
                "application/problem+json").body("type",
                        org.hamcrest.Matchers.equalTo(
                                "urn:tandem:problem:unknown-session"))
                .body("detail", org.hamcrest.Matchers.equalTo(
                        "There is no session with this id."));
        upgrade(UUID.randomUUID().toString(), null, RelayClient.ORIGIN).statusCode(401);
        upgrade(UUID.randomUUID().toString(), "Bearer " + ADVISOR1, "https://evil.example").statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo(
                        "urn:tandem:problem:forbidden"));
        String id = newSession(ADVISOR1, "Answered Ada").getString("id");
        upgrade(id, "Bearer " + ADVISOR2, RelayClient.ORIGIN).statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("This session is not yours to join."));
        as(ADVISOR1).body(Map.of("outcome", "no_show")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        upgrade(id, "Bearer " + ADVISOR1, RelayClient.ORIGIN).statusCode(410).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:tandem:problem:session-ended"));
    }

    @Test
    void unknownSessionIs404AndFinishedSessionIs410() {
        assertEquals(404, refusal(() -> RelayClient.staff(base, UUID.randomUUID().toString(), ADVISOR1)));
        assertEquals(404, refusal(() -> RelayClient.staff(base, "not-a-uuid", ADVISOR1)));
        String id = newSession(ADVISOR1, "Over Ozzy").getString("id");
        as(ADVISOR1).body(Map.of("outcome", "no_show")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        assertEquals(410, refusal(() -> RelayClient.staff(base, id, ADVISOR1)));
    }

    @Test
    void endingTheSessionClosesEveryConnectionWith4409() {
        JsonPath created = newSession(ADVISOR1, "Closing Cleo");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                    .statusCode(200);
            assertEquals("ended", customer.await("sys.end").json().path("reason").asText());
            assertEquals(4409, customer.closeCode(3));
            assertEquals(4409, advisor.closeCode(3));
        }
    }

    @Test
    void presenceTracksJoinReconnectingAndLeft() {
        JsonPath created = newSession(ADVISOR1, "Present Pam");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            RelayClient customer = RelayClient.customer(base, id, credential).hello();
            advisor.await(f -> f.type().equals("sys.presence") && f.text().contains("\"customer\"")
                    && f.text().contains("\"connected\"") && f.text().contains("Present Pam"), "customer present");
            customer.abort();
            advisor.await(f -> f.type().equals("sys.presence") && f.text().contains("reconnecting"),
                    "customer reconnecting");
            advisor.await(f -> f.type().equals("sys.presence") && f.text().contains("\"left\""), "customer left");
            advisor.send("sys.ping", 0, null, "{\"ts\":123}");
            assertEquals("{\"ts\":123}", advisor.await("sys.pong").text());
            assertTrue(advisor.all().stream().anyMatch(f -> f.type().equals("sys.presence")));
        }
    }
}
