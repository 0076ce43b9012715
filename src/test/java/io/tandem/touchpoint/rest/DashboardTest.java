package io.tandem.touchpoint.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisors' dashboard: sessions per day, median duration, NPS per day and advisor, outcomes, follow-ups. */
@QuarkusTest
class DashboardTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @Inject
    TestClock clock;

    private JsonPath dashboard(String day) {
        return as(SUPERVISOR).queryParam("from", day).queryParam("to", day).get("/api/reports/dashboard").then()
                .statusCode(200).extract().jsonPath();
    }

    private String rated(String name, String outcome, int seconds, int score) {
        JsonPath created = newSession(ADVISOR1, name);
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        clock.advance(Duration.ofSeconds(seconds));
        as(ADVISOR1).body(Map.of("outcome", outcome)).post("/api/sessions/" + id + "/end").then().statusCode(200);
        customer(credential).body(Map.of("score", score, "comment", "said " + score)).post("/api/sessions/" + id
                + "/feedback").then().statusCode(200);
        return id;
    }

    private static long count(JsonPath d, String path) {
        Object v = d.get(path);
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Test
    void aPromoterAndADetractorShowInTheDaysCountsNpsOutcomesAndFollowUps() {
        // stay clear of midnight: both sessions must fall on the same day
        if (clock.instant().atOffset(ZoneOffset.UTC).getHour() == 23) {
            clock.advance(Duration.ofHours(1));
        }
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        JsonPath before = dashboard(day);
        String promoter = rated("Dash Dana", "resolved", 10, 10);
        String detractor = rated("Dash Dirk", "escalated", 10, 2);
        JsonPath after = dashboard(day);

        String today = "days.find { it.day == '" + day + "' }";
        assertEquals(count(before, today + ".sessions") + 2, count(after, today + ".sessions"));
        assertEquals(count(before, today + ".nps.promoters") + 1, count(after, today + ".nps.promoters"));
        assertEquals(count(before, today + ".nps.detractors") + 1, count(after, today + ".nps.detractors"));
        assertTrue(after.getDouble(today + ".medianDurationSeconds") >= 0);
        assertEquals(count(before, "outcomes.find { it.outcome == 'escalated' }.sessions") + 1,
                count(after, "outcomes.find { it.outcome == 'escalated' }.sessions"));
        assertEquals(count(before, "nps.overall.answers") + 2, count(after, "nps.overall.answers"));
        assertTrue(after.getList("nps.advisors.advisorName").contains(TestTokens.ADVISOR1_NAME));

        List<String> followUps = after.getList("followUps.sessionId");
        assertTrue(followUps.contains(detractor), after.prettify());
        assertTrue(!followUps.contains(promoter), "a resolved promoter needs no follow-up");
        assertEquals(List.of("outcome", "detractor"),
                after.getList("followUps.find { it.sessionId == '" + detractor + "' }.reasons"));
        assertEquals("Dash Dirk", after.getString("followUps.find { it.sessionId == '" + detractor
                + "' }.customerName"));
    }

    @Test
    void onlySupervisorsSeeTheDashboardAndBadPeriodsAre400() {
        as(ADVISOR1).get("/api/reports/dashboard").then().statusCode(403).contentType("application/problem+json");
        io.tandem.testing.Api.anonymous().get("/api/reports/dashboard").then().statusCode(401);
        as(SUPERVISOR).queryParam("from", "yesterday").get("/api/reports/dashboard").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:invalid-request"));
        as(SUPERVISOR).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get("/api/reports/dashboard")
                .then().statusCode(400);
        as(SUPERVISOR).get("/api/reports/dashboard").then().statusCode(200);
    }
}
