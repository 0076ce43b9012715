package io.tandem.session.rest;

import static io.restassured.RestAssured.given;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consent cannot be skipped by a link (issue 19 item 8): a session goes from page to page as a one-time code, never as
 * a credential in a URL; a code works once, and the names the next page shows come from the server.
 */
@QuarkusTest
class HandoffResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    private static String codeFor(String credential, Object body) {
        return customer(credential).body(body).post("/api/handoff").then().statusCode(201)
                .body("code", matchesPattern("[A-Za-z0-9_-]{43}")).body("expiresAt", notNullValue())
                .extract().path("code");
    }

    @Test
    void aCodeHandsTheCustomersSessionOverOnceWithTheServersNames() {
        JsonPath created = newSession(ADVISOR1, "Handed Hannah");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        String code = codeFor(credential, Map.of());
        anonymous().body(Map.of("code", code)).post("/api/handoff/exchange").then().statusCode(200)
                .body("sessionId", equalTo(id)).body("credential", equalTo(credential))
                .body("kind", equalTo("customer")).body("advisorName", equalTo("Alice Archer"))
                .body("purpose", equalTo("home policy review")).body("expiresAt", notNullValue())
                .body("call", nullValue());
        // the same link again (copied, forwarded, opened in another browser): nothing
        anonymous().body(Map.of("code", code)).post("/api/handoff/exchange").then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:handoff-gone"))
                .body("detail", containsString("already been used or has expired"))
                .body("detail", containsString("nothing is shared"));
    }

    @Test
    void aCallUnderWayGoesOnWithTheCodeAndAStagePageGetsItsOwnKind() {
        JsonPath created = newSession(ADVISOR1, "Calling Cal");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        String code = codeFor(credential, Map.of("call", Map.of("audio", true, "video", false)));
        anonymous().body(Map.of("code", code)).post("/api/handoff/exchange").then().statusCode(200)
                .body("call.audio", equalTo(true)).body("call.video", equalTo(false));

        String stage = as(ADVISOR1).post("/api/sessions/" + id + "/stage-credential").then().statusCode(200)
                .extract().path("credential");
        String stageCode = given().header("Authorization", "Stage " + stage).contentType("application/json")
                .body("{}").post("/api/handoff").then().statusCode(201).extract().path("code");
        anonymous().body(Map.of("code", stageCode)).post("/api/handoff/exchange").then().statusCode(200)
                .body("kind", equalTo("stage")).body("credential", equalTo(stage)).body("advisorName", nullValue());
    }

    @Test
    void onlyAHolderOfASessionCredentialGetsACode() {
        anonymous().body("{}").post("/api/handoff").then().statusCode(401);
        customer("tdc1.forged.credential").body("{}").post("/api/handoff").then().statusCode(401);
        as(ADVISOR1).body("{}").post("/api/handoff").then().statusCode(403); // staff sign-in is not a session seat
    }

    @Test
    void aMalformedOrUnknownCodeIsAClearRefusal() {
        anonymous().body(Map.of("code", "not a code")).post("/api/handoff/exchange").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("This link is incomplete"));
        anonymous().body("{}").post("/api/handoff/exchange").then().statusCode(400)
                .contentType("application/problem+json");
        anonymous().body(Map.of("code", "B".repeat(43))).post("/api/handoff/exchange").then().statusCode(410)
                .body("type", equalTo("urn:tandem:problem:handoff-gone"));
    }

    @Test
    void theSiteMayAskForAndExchangeCodesAcrossOriginsOthersMayNot() {
        String site = TestPorts.site();
        for (String path : new String[]{"/api/handoff", "/api/handoff/exchange"}) {
            given().header("Origin", site).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,authorization").options(path).then()
                    .statusCode(204).header("Access-Control-Allow-Origin", site)
                    .header("Access-Control-Allow-Credentials", nullValue());
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .options(path).then().statusCode(204).header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
