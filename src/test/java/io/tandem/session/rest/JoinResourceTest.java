package io.tandem.session.rest;

import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newClientAddress;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.redeemCode;
import static io.tandem.testing.Api.tokenOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JoinResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    TestClock clock;

    private static RequestSpecification from(String address) {
        return anonymous().header("X-Forwarded-For", address);
    }

    @Test
    void codeLeadsToConsentThenCredentialAndActiveSession() {
        JsonPath created = newSession(ADVISOR1, "Joining Jo");
        String id = created.getString("id");
        String ticket = from(newClientAddress()).body(Map.of("code", created.getString("code")))
                .post("/api/join").then().statusCode(200)
                .body("sessionId", equalTo(id))
                .body("advisorName", equalTo("Alice Archer"))
                .body("purpose", equalTo("home policy review"))
                .body("ticket", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("consentExpiresAt", notNullValue())
                .extract().path("ticket");
        as(ADVISOR1).get("/api/sessions/" + id).then().body("status", equalTo("WAITING"));

        String credential = anonymous().body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent")
                .then().statusCode(200)
                .body("sessionId", equalTo(id))
                .body("credential", matchesPattern("tdc1\\..+"))
                .body("expiresAt", notNullValue())
                .extract().path("credential");
        as(ADVISOR1).get("/api/sessions/" + id).then().body("status", equalTo("ACTIVE"))
                .body("startedAt", notNullValue());
        customer(credential).get("/api/customer/session").then().statusCode(200)
                .body("sessionId", equalTo(id))
                .body("status", equalTo("ACTIVE"))
                .body("advisorName", equalTo("Alice Archer"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("notes")));
    }

    @Test
    void joinLinkTokenWorksOnceThen410() {
        JsonPath created = newSession(ADVISOR1, "Link Lou");
        String token = tokenOf(created.getString("joinUrl"));
        from(newClientAddress()).body(Map.of("token", token)).post("/api/join").then().statusCode(200)
                .body("sessionId", equalTo(created.getString("id")));
        from(newClientAddress()).body(Map.of("token", token)).post("/api/join").then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:join-used"));
        from(newClientAddress()).body(Map.of("code", created.getString("code"))).post("/api/join").then()
                .statusCode(410).body("type", equalTo("urn:tandem:problem:join-used"));
    }

    @Test
    void codeIsSingleUse() {
        String code = newSession(ADVISOR1, "Once Olga").getString("code");
        redeemCode(code);
        from(newClientAddress()).body(Map.of("code", code)).post("/api/join").then().statusCode(410)
                .body("type", equalTo("urn:tandem:problem:join-used"));
    }

    @Test
    void unknownCodeAndTokenAre404() {
        String address = newClientAddress();
        from(address).body(Map.of("token", "A".repeat(43))).post("/api/join").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:unknown-join"));
        from(address).body(Map.of("token", "short")).post("/api/join").then().statusCode(404);
    }

    @Test
    void codeAndLinkExpireAfterTtlWith410() {
        JsonPath a = newSession(ADVISOR1, "Late Lars");
        JsonPath b = newSession(ADVISOR1, "Late Lisa");
        clock.advance(Duration.ofMinutes(21));
        from(newClientAddress()).body(Map.of("code", a.getString("code"))).post("/api/join").then()
                .statusCode(410).body("type", equalTo("urn:tandem:problem:join-expired"));
        from(newClientAddress()).body(Map.of("token", tokenOf(b.getString("joinUrl")))).post("/api/join")
                .then().statusCode(410).body("type", equalTo("urn:tandem:problem:join-expired"));
    }

    @Test
    void codeStillWorksJustBeforeExpiry() {
        JsonPath a = newSession(ADVISOR1, "Punctual Pia");
        clock.advance(Duration.ofMinutes(19));
        from(newClientAddress()).body(Map.of("code", a.getString("code"))).post("/api/join").then()
                .statusCode(200);
    }

    @Test
    void fiveWrongCodesPerMinuteThen429EvenForTheRightCode() {
        String code = newSession(ADVISOR1, "Guarded Gus").getString("code");
        String wrong = code.equals("999999") ? "999998" : "999999";
        String attacker = newClientAddress();
        for (int i = 0; i < 5; i++) {
            from(attacker).body(Map.of("code", wrong)).post("/api/join").then().statusCode(
                    org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(410)));
        }
        from(attacker).body(Map.of("code", code)).post("/api/join").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:rate-limited"))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(60));
        // another client is not affected, and the code was not consumed by the refused attempt
        from(newClientAddress()).body(Map.of("code", code)).post("/api/join").then().statusCode(200);
    }

    @Test
    void fortyConcurrentWrongCodesFromOneAddressGetOnlyFiveAnswers() throws Exception {
        String attacker = newClientAddress();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String wrong = String.format("%06d", 100_000 + i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return from(attacker).body(Map.of("code", wrong)).post("/api/join").statusCode();
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            // the try is counted in one step with the check, before the lookup: no race lets a sixth one through
            // (404 each, unless one of the forty happens to be another test's live code)
            assertEquals(35, statuses.getOrDefault(429, 0), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rateLimitLiftsAfterAMinute() {
        String attacker = newClientAddress();
        for (int i = 0; i < 5; i++) {
            from(attacker).body(Map.of("code", "100000")).post("/api/join");
        }
        from(attacker).body(Map.of("code", "100000")).post("/api/join").then().statusCode(429);
        clock.advance(Duration.ofSeconds(61));
        String code = newSession(ADVISOR1, "Patient Pete").getString("code");
        from(attacker).body(Map.of("code", code)).post("/api/join").then().statusCode(200);
    }

    @Test
    void joinRejectsBadInputWithProblems() {
        String address = newClientAddress();
        from(address).body(Map.of()).post("/api/join").then().statusCode(400)
                .contentType("application/problem+json");
        from(address).body(Map.of("code", "12345")).post("/api/join").then().statusCode(400);
        from(address).body(Map.of("code", "abcdef")).post("/api/join").then().statusCode(400);
        from(address).body(Map.of("code", "123456", "token", "A".repeat(43))).post("/api/join").then()
                .statusCode(400);
        from(address).body(Map.of("code", 123456)).post("/api/join").then().statusCode(400);
        from(address).body("{\"code\":").post("/api/join").then().statusCode(400)
                .body("type", equalTo("urn:tandem:problem:malformed-request"));
    }

    @Test
    void declinedConsentGivesNoCredentialAndTicketIsSingleUse() {
        JsonPath created = newSession(ADVISOR1, "Declining Dora");
        String ticket = redeemCode(created.getString("code"));
        anonymous().body(Map.of("ticket", ticket, "accept", false)).post("/api/join/consent").then()
                .statusCode(204);
        anonymous().body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent").then()
                .statusCode(404).contentType("application/problem+json");
        as(ADVISOR1).get("/api/sessions/" + created.getString("id")).then().body("status", equalTo("WAITING"));
    }

    @Test
    void consentAfterItsWindowIs410() {
        String ticket = redeemCode(newSession(ADVISOR1, "Slow Sid").getString("code"));
        clock.advance(Duration.ofMinutes(11));
        anonymous().body(Map.of("ticket", ticket, "accept", true)).post("/api/join/consent").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(410), equalTo(404)))
                .contentType("application/problem+json");
    }

    @Test
    void consentValidatesInput() {
        anonymous().body(Map.of("ticket", "x")).post("/api/join/consent").then().statusCode(400)
                .contentType("application/problem+json");
        anonymous().body(Map.of("ticket", "A".repeat(43), "accept", "maybe")).post("/api/join/consent").then()
                .statusCode(400);
        anonymous().body(Map.of("ticket", "A".repeat(43), "accept", true)).post("/api/join/consent").then()
                .statusCode(404);
    }

    @Test
    void customerCredentialIsBoundToItsSessionAndChecked() {
        anonymous().get("/api/customer/session").then().statusCode(401).contentType("application/problem+json");
        customer("tdc1.garbage").get("/api/customer/session").then().statusCode(401)
                .contentType("application/problem+json");
        as(ADVISOR1).get("/api/customer/session").then().statusCode(403);
        JsonPath created = newSession(ADVISOR1, "Bound Bea");
        String credential = io.tandem.testing.Api.admit(created.getString("code"));
        String[] parts = credential.split("\\.");
        String tampered = parts[0] + "." + java.util.UUID.randomUUID() + "." + parts[2] + "." + parts[3] + "."
                + parts[4];
        customer(tampered).get("/api/customer/session").then().statusCode(401);
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + created.getString("id") + "/end")
                .then().statusCode(200);
        customer(credential).get("/api/customer/session").then().statusCode(200).body("status", equalTo("ENDED"));
    }
}
