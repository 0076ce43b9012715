package io.tandem.touchpoint.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The customer's rating: once the session is over, one per session, changeable for a while; NPS for supervisors. */
@QuarkusTest
class FeedbackResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    TestClock clock;

    private static Map<String, Object> answer(Object score, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("score", score);
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    private static void end(String id) {
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
    }

    @Test
    void theCustomerRatesOnceTheSessionIsOverMayChangeItForAWhileAndStaffSeeItOnTheTimeline() {
        JsonPath created = newSession(ADVISOR1, "Rating Rita");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        customer(credential).body(answer(9, null)).post("/api/sessions/" + id + "/feedback").then().statusCode(409)
                .contentType("application/problem+json").body("detail", equalTo(
                        "The session is still going on: feedback opens when it ends"));
        end(id);
        customer(credential).body(answer(6, "slow start")).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(200).body("score", equalTo(6)).body("category", equalTo("DETRACTOR"));
        customer(credential).body(answer(9, "  <b>great</b> advisor ")).post("/api/sessions/" + id + "/feedback")
                .then().statusCode(200).body("score", equalTo(9)).body("category", equalTo("PROMOTER"))
                .body("comment", equalTo("<b>great</b> advisor"));

        String customerId = as(ADVISOR1).get("/api/sessions/" + id).then().extract().path("customer.id");
        as(ADVISOR1).get("/api/customers/" + customerId + "/timeline").then().statusCode(200)
                .body("items[0].feedback.score", equalTo(9))
                .body("items[0].feedback.comment", equalTo("<b>great</b> advisor"));

        clock.advance(Duration.ofMinutes(16));
        customer(credential).body(answer(10, null)).post("/api/sessions/" + id + "/feedback").then().statusCode(409)
                .body("detail", equalTo("Feedback for this session closed 15 minutes after it ended"));
        as(ADVISOR1).get("/api/customers/" + customerId + "/timeline").then()
                .body("items[0].feedback.score", equalTo(9));
    }

    @Test
    void badAnswersAndOtherCallersAreRefusedWithProblems() {
        JsonPath created = newSession(ADVISOR1, "Refused Rolf");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        end(id);
        for (Object score : new Object[]{11, -1, "nine", null}) {
            customer(credential).body(answer(score, null)).post("/api/sessions/" + id + "/feedback").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        customer(credential).body(answer(8, "x".repeat(2001))).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(400);
        JsonPath other = newSession(ADVISOR1, "Other Olga");
        customer(credential).body(answer(8, null)).post("/api/sessions/" + other.getString("id") + "/feedback")
                .then().statusCode(403).contentType("application/problem+json");
        as(ADVISOR1).body(answer(10, null)).post("/api/sessions/" + id + "/feedback").then().statusCode(403);
        String customerId = as(ADVISOR1).get("/api/sessions/" + id).then().extract().path("customer.id");
        as(ADVISOR1).get("/api/customers/" + customerId + "/timeline").then().body("items[0].feedback",
                nullValue());
    }

    @Test
    void supervisorsGetNpsOverallAndPerAdvisorAndAdvisorsDoNot() {
        // a fresh period: the clock skips ahead a day, so no other test's answers fall into it
        clock.advance(Duration.ofDays(1));
        String from = clock.instant().minus(Duration.ofSeconds(1)).toString();
        for (int score : new int[]{10, 9, 3}) {
            JsonPath created = newSession(ADVISOR1, "Scoring " + score);
            String credential = admit(created.getString("code"));
            end(created.getString("id"));
            customer(credential).body(answer(score, null)).post("/api/sessions/" + created.getString("id")
                    + "/feedback").then().statusCode(200);
        }
        String to = clock.instant().plus(Duration.ofMinutes(1)).toString();
        JsonPath report = as(TestTokens.supervisor1()).queryParam("from", from).queryParam("to", to)
                .get("/api/reports/nps").then().statusCode(200).extract().jsonPath();
        assertEquals(3, report.getInt("overall.answers"));
        assertEquals(33, report.getInt("overall.score")); // 2 promoters, 1 detractor of 3
        assertEquals(TestTokens.ADVISOR1_NAME, report.getString("advisors[0].advisorName"));
        assertEquals(33, report.getInt("advisors[0].nps.score"));

        as(TestTokens.supervisor1()).queryParam("from", "2001-01-01").queryParam("to", "2001-01-31")
                .get("/api/reports/nps").then().statusCode(200).body("overall.answers", equalTo(0))
                .body("overall.score", nullValue());
        as(TestTokens.supervisor1()).queryParam("from", "yesterday").get("/api/reports/nps").then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.supervisor1()).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/api/reports/nps").then().statusCode(400);
        as(ADVISOR1).get("/api/reports/nps").then().statusCode(403).contentType("application/problem+json");
    }
}
