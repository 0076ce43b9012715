package io.tandem.session.help;

import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newClientAddress;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Api;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HelpResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    TestClock clock;

    private static JsonPath newRequest() {
        return anonymous().header("X-Forwarded-For", newClientAddress()).post("/api/help-requests").then()
                .statusCode(201)
                .body("code", matchesPattern("[1-9][0-9]{5}"))
                .body("pollToken", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("expiresAt", notNullValue())
                .extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse poll(JsonPath request) {
        return anonymous().header("X-Poll-Token", request.getString("pollToken"))
                .get("/api/help-requests/" + request.getString("id")).then();
    }

    @Test
    void visitorGetsACodeTheAdvisorTypesItAndTheVisitorConsents() {
        JsonPath request = newRequest();
        poll(request).statusCode(200).body("status", equalTo("waiting"));

        String sessionId = as(ADVISOR1).body(Map.of("code", request.getString("code"), "customer",
                Map.of("name", "Helped Hana"), "purpose", "help with the quote form"))
                .post("/api/help-requests/claim").then().statusCode(201)
                .body("status", equalTo("WAITING"))
                .body("customer.name", equalTo("Helped Hana"))
                .extract().path("id");

        String ticket = poll(request).statusCode(200)
                .body("status", equalTo("ready"))
                .body("sessionId", equalTo(sessionId))
                .body("advisorName", equalTo("Alice Archer"))
                .body("purpose", equalTo("help with the quote form"))
                .extract().path("ticket");
        poll(request).statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:join-used"));

        String credential = anonymous().body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent")
                .then().statusCode(200).extract().path("credential");
        customer(credential).get("/api/customer/session").then().statusCode(200).body("status", equalTo("ACTIVE"));
        as(ADVISOR1).get("/api/sessions/" + sessionId).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void unknownWrongAndForeignAttemptsAreRefused() {
        JsonPath request = newRequest();
        anonymous().header("X-Poll-Token", "A".repeat(43)).get("/api/help-requests/" + request.getString("id"))
                .then().statusCode(404).contentType("application/problem+json");
        anonymous().get("/api/help-requests/" + request.getString("id")).then().statusCode(404);
        String other = request.getString("code").equals("999999") ? "999998" : "999999";
        as(ADVISOR1).body(Map.of("code", other, "customer", Map.of("name", "Nobody"))).post("/api/help-requests/claim")
                .then().statusCode(404).body("type", equalTo("urn:tandem:problem:unknown-join"));
        as(ADVISOR1).body(Map.of("code", "12ab", "customer", Map.of("name", "Nobody")))
                .post("/api/help-requests/claim").then().statusCode(400);
        anonymous().body(Map.of("code", request.getString("code"), "customer", Map.of("name", "X")))
                .post("/api/help-requests/claim").then().statusCode(401);
        as(TestTokens.supervisor1()).body(Map.of("code", request.getString("code"), "customer", Map.of("name", "X")))
                .post("/api/help-requests/claim").then().statusCode(403);
        String credential = Api.admit(Api.newSession(ADVISOR1, "Other Olaf").getString("code"));
        customer(credential).body(Map.of("code", request.getString("code"), "customer", Map.of("name", "X")))
                .post("/api/help-requests/claim").then().statusCode(403);
        poll(request).statusCode(200).body("status", equalTo("waiting"));
    }

    @Test
    void helpCodesExpire() {
        JsonPath request = newRequest();
        clock.advance(Duration.ofMinutes(21));
        poll(request).statusCode(410).body("type", equalTo("urn:tandem:problem:join-expired"));
        as(ADVISOR1).body(Map.of("code", request.getString("code"), "customer", Map.of("name", "Late Lou")))
                .post("/api/help-requests/claim").then().statusCode(anyOf(equalTo(404), equalTo(410)));
    }

    @Test
    void askingForManyCodesIsRateLimited() {
        String client = newClientAddress();
        for (int i = 0; i < 5; i++) {
            anonymous().header("X-Forwarded-For", client).post("/api/help-requests").then().statusCode(201);
        }
        anonymous().header("X-Forwarded-For", client).post("/api/help-requests").then().statusCode(429)
                .contentType("application/problem+json");
    }
}
