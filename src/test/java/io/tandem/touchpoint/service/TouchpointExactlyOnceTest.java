package io.tandem.touchpoint.service;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.session.service.SessionExpiryJob;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A session never finishes without its touchpoint, and never gets two: every path is checked in the database. */
@QuarkusTest
class TouchpointExactlyOnceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    TestClock clock;

    @Inject
    PgPool db;

    @Inject
    SessionExpiryJob expiry;

    private List<Row> touchpoints(String sessionId) {
        List<Row> rows = new ArrayList<>();
        db.preparedQuery("select * from touchpoint where session_id = $1").execute(Tuple.of(UUID.fromString(sessionId)))
                .await().indefinitely().forEach(rows::add);
        return rows;
    }

    private Integer sweep() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> expiry.sweep(5));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String sessionId) {
        return as(ADVISOR1).get("/api/sessions/" + sessionId).then().extract().path("status");
    }

    @Test
    void consentOpensTheTouchpointAndEndCompletesIt() {
        JsonPath created = newSession(ADVISOR1, "Exact Ella");
        String id = created.getString("id");
        assertTrue(touchpoints(id).isEmpty(), "no touchpoint before the session starts");
        admit(created.getString("code"));
        List<Row> open = touchpoints(id);
        assertEquals(1, open.size());
        assertNotNull(open.get(0).getLocalDateTime("started_at"));
        assertNull(open.get(0).getValue("completed_at"));

        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        List<Row> done = touchpoints(id);
        assertEquals(1, done.size());
        assertEquals("RESOLVED", done.get(0).getString("outcome"));
        assertNotNull(done.get(0).getValue("completed_at"));
        assertNotNull(done.get(0).getInteger("duration_seconds"));
        assertEquals(open.get(0).getUUID("id"), done.get(0).getUUID("id"), "the opened row is completed, not replaced");
    }

    @Test
    void endingTwiceKeepsOneTouchpointWithTheFirstOutcome() {
        JsonPath created = newSession(ADVISOR1, "Twice Tara");
        String id = created.getString("id");
        admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "follow_up")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        as(ADVISOR1).body(Map.of("outcome", "escalated")).post("/api/sessions/" + id + "/end").then().statusCode(409);
        List<Row> rows = touchpoints(id);
        assertEquals(1, rows.size());
        assertEquals("FOLLOW_UP", rows.get(0).getString("outcome"));
    }

    @Test
    void concurrentEndsProduceOneSuccessAndOneTouchpoint() {
        JsonPath created = newSession(ADVISOR1, "Racing Rae");
        String id = created.getString("id");
        admit(created.getString("code"));
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> as(ADVISOR1).body(Map.of("outcome", "resolved"))
                    .post("/api/sessions/" + id + "/end").statusCode()));
        }
        List<Integer> codes = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "exactly one end succeeds: " + codes);
        assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());
        assertEquals(1, touchpoints(id).size());
    }

    @Test
    void endingANeverStartedSessionStillWritesItsTouchpoint() {
        String id = newSession(ADVISOR1, "Absent Abe").getString("id");
        as(ADVISOR1).body(Map.of("outcome", "no_show")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        List<Row> rows = touchpoints(id);
        assertEquals(1, rows.size());
        assertEquals("NO_SHOW", rows.get(0).getString("outcome"));
        assertEquals(0, rows.get(0).getInteger("duration_seconds"));
        assertNull(rows.get(0).getValue("started_at"));
    }

    @Test
    void scheduledJobExpiresUnredeemedSessionsWithANoShowTouchpoint() {
        String id = newSession(ADVISOR1, "Ghost Gil").getString("id");
        clock.advance(Duration.ofMinutes(21));
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(status(id)));
        List<Row> rows = touchpoints(id);
        assertEquals(1, rows.size());
        assertEquals("NO_SHOW", rows.get(0).getString("outcome"));
        assertNotNull(rows.get(0).getValue("completed_at"));
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(409);
        assertEquals(1, touchpoints(id).size());
    }

    @Test
    void scheduledJobExpiresSessionsWaitingForConsent() {
        JsonPath created = newSession(ADVISOR1, "Hesitant Hal");
        String id = created.getString("id");
        io.tandem.testing.Api.redeemCode(created.getString("code"));
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(status(id)));
        assertEquals(1, touchpoints(id).size());
    }

    @Test
    void activeSessionExpiresAfterMaxDurationAndItsOpenTouchpointIsCompleted() {
        JsonPath created = newSession(ADVISOR1, "Endless Edna");
        String id = created.getString("id");
        admit(created.getString("code"));
        UUID opened = touchpoints(id).get(0).getUUID("id");
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(status(id)));
        List<Row> rows = touchpoints(id);
        assertEquals(1, rows.size());
        assertEquals(opened, rows.get(0).getUUID("id"));
        assertNotNull(rows.get(0).getValue("completed_at"));
        assertTrue(rows.get(0).getInteger("duration_seconds") >= 4 * 3600);
    }

    @Test
    void sweepsRunningConcurrentlyWithEndsNeverDuplicate() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            JsonPath created = newSession(ADVISOR1, "Swept " + i);
            admit(created.getString("code"));
            ids.add(created.getString("id"));
        }
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (String id : ids) {
            work.add(CompletableFuture.supplyAsync(() -> as(ADVISOR1).body(Map.of("outcome", "resolved"))
                    .post("/api/sessions/" + id + "/end").statusCode()));
        }
        for (int i = 0; i < 2; i++) {
            work.add(CompletableFuture.supplyAsync(() -> sweep()));
        }
        work.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ids.stream().allMatch(id -> List.of("ENDED", "EXPIRED").contains(status(id))));
        for (String id : ids) {
            List<Row> rows = touchpoints(id);
            assertEquals(1, rows.size(), "session " + id);
            assertNotNull(rows.get(0).getValue("completed_at"));
        }
    }
}
