package io.tandem.touchpoint.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/touchpoints?after= pages through completed touchpoints without loss or duplicates, including one whose
 * transaction commits after a later one's (held open here) and one completed while paging; feedback brings a
 * touchpoint back with its score; bad cursors and limits are 400; only supervisors and admins read it.
 */
@QuarkusTest
class TouchpointFeedTest {

    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool db;

    private static JsonPath page(String after, int limit) {
        var request = as(SUPERVISOR).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get("/api/touchpoints").then().statusCode(200).extract().jsonPath();
    }

    /** The cursor after everything visible now. */
    private static String head() {
        String cursor = null;
        JsonPath p;
        do {
            p = page(cursor, 1000);
            cursor = p.getString("next");
        } while (p.getBoolean("more"));
        return cursor;
    }

    /** Pages on from the cursor with small pages, adding every item's session id and score; returns the next cursor. */
    private static String drain(String cursor, List<String> sessions, List<Integer> scores) {
        JsonPath p;
        do {
            p = page(cursor, 2);
            List<Map<String, Object>> items = p.getList("items");
            for (Map<String, Object> item : items) {
                sessions.add((String) item.get("sessionId"));
                scores.add((Integer) item.get("feedbackScore"));
            }
            cursor = p.getString("next");
        } while (p.getBoolean("more"));
        return cursor;
    }

    private static String ended(String name, List<String> credentials) {
        JsonPath created = newSession(ADVISOR1, name);
        credentials.add(admit(created.getString("code")));
        String id = created.getString("id");
        as(ADVISOR1).body(Map.of("outcome", "quote_sent")).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);
        return id;
    }

    @Test
    void pagesThroughEveryTouchpointOnceEvenOneWhoseTransactionCommitsLate() {
        String cursor = head();
        List<String> credentials = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(ended("Paged " + i, credentials));
        }
        JsonPath late = newSession(ADVISOR1, "Late Lou");
        admit(late.getString("code"));
        String lateSession = late.getString("id");

        List<String> seen = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        JsonPath first = page(cursor, 2);
        first.getList("items", Map.class).forEach(i -> seen.add((String) i.get("sessionId")));
        cursor = first.getString("next");

        // a completion whose transaction stays open while a later one commits and the client pages on
        SqlConnection connection = db.getConnection().await().indefinitely();
        Transaction slow = connection.begin().await().indefinitely();
        connection.preparedQuery("update touchpoint set completed_at = now(), ended_at = now(), outcome = 'RESOLVED',"
                + " duration_seconds = 0, change_xid = pg_current_xact_id(),"
                + " change_seq = nextval('touchpoint_change_seq') where session_id = $1")
                .execute(Tuple.of(UUID.fromString(lateSession))).await().indefinitely();
        String whilePaging;
        try {
            whilePaging = ended("While Paging", credentials);
            String c = cursor;
            List<String> during = new ArrayList<>(seen);
            cursor = Poll.until(WAIT, () -> {
                during.clear();
                during.addAll(seen);
                return drain(c, during, new ArrayList<>());
            }, x -> during.containsAll(expected), "the five committed earlier handed out");
            assertFalse(during.contains(whilePaging), "nothing committed after the open transaction is handed out"
                    + " before it: the client would move past the late one");
            seen.clear();
            seen.addAll(during);
        } finally {
            slow.commit().await().indefinitely();
            connection.close().await().indefinitely();
        }
        String c = cursor;
        List<String> after = new ArrayList<>();
        Poll.until(WAIT, () -> {
            after.clear();
            return drain(c, after, scores);
        }, x -> after.contains(whilePaging), "the rest handed out once the open transaction committed");
        seen.addAll(after);

        List<String> mine = seen.stream().filter(s -> expected.contains(s) || s.equals(lateSession)
                || s.equals(whilePaging)).toList();
        List<String> order = new ArrayList<>(expected);
        order.add(lateSession);
        order.add(whilePaging);
        assertEquals(order, mine, "each once, in the order of their transactions");
        assertEquals(seen.size(), seen.stream().distinct().count(), "no duplicates: " + seen);
    }

    @Test
    void feedbackBringsATouchpointBackWithItsScore() {
        String cursor = head();
        List<String> credentials = new ArrayList<>();
        String session = ended("Rated Rosa", credentials);
        customer(credentials.get(0)).body(Map.of("score", 10)).post("/api/sessions/" + session + "/feedback").then()
                .statusCode(200);
        List<String> sessions = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        String c = cursor;
        Poll.until(WAIT, () -> {
            sessions.clear();
            scores.clear();
            return drain(c, sessions, scores);
        }, x -> sessions.contains(session), "the rated touchpoint handed out");
        assertEquals(1, sessions.stream().filter(session::equals).count(), "once, as it stands now");
        assertEquals(10, scores.get(sessions.indexOf(session)));
        JsonPath item = page(c, 1000);
        assertTrue(item.getList("items.sessionId").contains(session));
    }

    @Test
    void badCursorsAndLimitsAre400AndOnlySupervisorsAndAdminsRead() {
        as(SUPERVISOR).queryParam("after", "not-a-cursor").get("/api/touchpoints").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:tandem:problem:invalid-request"));
        for (String limit : List.of("0", "1001", "ten")) {
            as(SUPERVISOR).queryParam("limit", limit).get("/api/touchpoints").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(ADVISOR1).get("/api/touchpoints").then().statusCode(403);
        RestAssured.given().get("/api/touchpoints").then().statusCode(401);
        as(WebhookAdmin.TOKEN).get("/api/touchpoints?limit=1").then().statusCode(200);
    }

    /** An admin who is not a supervisor. */
    private static final class WebhookAdmin {
        static final String TOKEN = TestTokens.staff("sub-admin2", "admin2", "Ada Admin", "admin");
    }
}
