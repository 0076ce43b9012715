package io.tandem.touchpoint.followup;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing the loop: a detractor's rating or a session ending "follow-up needed" or "escalated" opens a task for the
 * customer's account manager (else the session's advisor), due three days later; it turns overdue on the clock, is
 * closed with a note by its assignee or a supervisor, and the dashboard counts loops closed in time.
 */
@QuarkusTest
class FollowUpTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String ADVISOR2 = TestTokens.advisor2();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @Inject
    TestClock clock;

    private static String advisorId(String token) {
        String session = newSession(token, "Whoami Walter").getString("id");
        return as(token).get("/api/sessions/" + session).then().statusCode(200).extract().path("advisor.id");
    }

    private static List<Map<String, Object>> open(String token, String customerId) {
        return as(token).queryParam("customer", customerId).get("/api/follow-ups").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    @Test
    void aDetractorsRatingOpensATaskForTheAccountManagerClosedWithANote() {
        String manager = advisorId(ADVISOR2);
        String id = as(ADVISOR1).body(Map.of("name", "Loop Lotte", "assignedAdvisorId", manager))
                .post("/api/customers").then().statusCode(201).extract().path("id");
        JsonPath created = newSessionFor(ADVISOR1, id);
        String session = created.getString("id");
        String credential = admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + session + "/end").then()
                .statusCode(200);
        assertEquals(List.of(), open(SUPERVISOR, id), "a resolved session opens nothing by itself");
        customer(credential).body(Map.of("score", 4, "comment", "Nobody called me back")).post("/api/sessions/"
                + session + "/feedback").then().statusCode(200);
        customer(credential).body(Map.of("score", 3, "comment", "Nobody called me back")).post("/api/sessions/"
                + session + "/feedback").then().statusCode(200);

        List<Map<String, Object>> tasks = open(SUPERVISOR, id);
        assertEquals(1, tasks.size(), "one task per session and reason, however often the rating changes");
        Map<String, Object> task = tasks.get(0);
        assertEquals("detractor", task.get("reason"));
        assertEquals(3, task.get("score"), "the rating as it stands");
        assertEquals("Nobody called me back", task.get("comment"));
        assertEquals(manager, task.get("assigneeId"), "the account manager, not the session's advisor");
        assertEquals("Ben Baker", task.get("assigneeName"));
        assertEquals(false, task.get("overdue"));
        Duration due = Duration.between(Instant.parse((String) task.get("openedAt")),
                Instant.parse((String) task.get("dueAt")));
        assertEquals(Duration.ofDays(3), due);
        String taskId = (String) task.get("id");
        assertTrue(as(ADVISOR2).get("/api/follow-ups").then().statusCode(200).extract().jsonPath()
                .getList("id").contains(taskId), "on the account manager's own list");
        assertFalse(as(ADVISOR1).get("/api/follow-ups").then().statusCode(200).extract().jsonPath()
                .getList("id").contains(taskId));

        as(ADVISOR1).body(Map.of("note", "Called her")).post("/api/follow-ups/" + taskId + "/close").then()
                .statusCode(403).contentType("application/problem+json");
        as(ADVISOR2).body(Map.of("note", " ")).post("/api/follow-ups/" + taskId + "/close").then().statusCode(400)
                .body("errors[0].message", equalTo("Write a note on what was done to close the loop."));
        as(ADVISOR2).body(Map.of("note", "Called Lotte, the claim is paid on Friday")).post("/api/follow-ups/"
                + taskId + "/close").then().statusCode(200).body("closedByName", equalTo("Ben Baker"))
                .body("note", equalTo("Called Lotte, the claim is paid on Friday"));
        as(SUPERVISOR).body(Map.of("note", "again")).post("/api/follow-ups/" + taskId + "/close").then()
                .statusCode(409).body("type", equalTo("urn:tandem:problem:follow-up-closed"));
        assertEquals(List.of(), open(SUPERVISOR, id));
        List<Map<String, Object>> closed = as(SUPERVISOR).queryParam("customer", id).queryParam("state", "closed")
                .get("/api/follow-ups").then().statusCode(200).extract().jsonPath().getList("$");
        assertNotNull(closed.get(0).get("closedAt"));
    }

    @Test
    void anEscalatedSessionOpensATaskForItsAdvisorThatTurnsOverdue() {
        String id = newCustomer(ADVISOR1, "Loop Lukas").getString("id");
        String session = newSessionFor(ADVISOR1, id).getString("id");
        as(ADVISOR1).body(Map.of("outcome", "escalated", "notes", "Claim stuck")).post("/api/sessions/" + session
                + "/end").then().statusCode(200);
        Map<String, Object> task = open(ADVISOR1, id).get(0);
        assertEquals("escalated", task.get("reason"));
        assertEquals("Alice Archer", task.get("assigneeName"));
        assertEquals(false, task.get("overdue"));

        String follow = newSessionFor(ADVISOR1, id).getString("id");
        as(ADVISOR1).body(Map.of("outcome", "follow_up")).post("/api/sessions/" + follow + "/end").then()
                .statusCode(200);
        assertEquals(2, open(ADVISOR1, id).size());

        clock.advance(Duration.ofDays(3).plusMinutes(1));
        List<Map<String, Object>> overdue = open(ADVISOR1, id);
        assertEquals(List.of(true, true), overdue.stream().map(t -> t.get("overdue")).toList());
        as(ADVISOR1).queryParam("state", "maybe").get("/api/follow-ups").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theDashboardCountsDetractorsWhoseLoopWasClosedInTime() {
        clock.advance(Duration.ofDays(2)); // a period of its own
        Instant from = clock.instant().minusSeconds(1);
        String[] tasks = new String[2];
        for (int i = 0; i < 2; i++) {
            String id = newCustomer(ADVISOR1, "Loop Lena " + i).getString("id");
            JsonPath created = newSessionFor(ADVISOR1, id);
            String credential = admit(created.getString("code"));
            as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + created.getString("id")
                    + "/end").then().statusCode(200);
            customer(credential).body(Map.of("score", 2)).post("/api/sessions/" + created.getString("id")
                    + "/feedback").then().statusCode(200);
            tasks[i] = (String) open(ADVISOR1, id).get(0).get("id");
        }
        as(ADVISOR1).body(Map.of("note", "Apologised and refunded the fee")).post("/api/follow-ups/" + tasks[0]
                + "/close").then().statusCode(200);
        clock.advance(Duration.ofDays(8));
        as(ADVISOR1).body(Map.of("note", "Too late, but called")).post("/api/follow-ups/" + tasks[1] + "/close")
                .then().statusCode(200);
        JsonPath report = as(SUPERVISOR).queryParam("from", from.toString()).queryParam("to", from.plus(
                Duration.ofDays(1)).toString()).get("/api/reports/ladder").then().statusCode(200).extract().jsonPath();
        assertEquals(2, report.getInt("loop.detractors"));
        assertEquals(1, report.getInt("loop.closedInTime"));
        assertEquals(7, report.getInt("loop.withinDays"));
        assertEquals(50, report.getInt("loop.share"));
        as(ADVISOR1).get("/api/reports/ladder").then().statusCode(403);
    }
}
