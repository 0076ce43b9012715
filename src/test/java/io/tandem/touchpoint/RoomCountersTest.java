package io.tandem.touchpoint;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tandem.relay.listener.RoomActivity;
import io.tandem.testing.TestTokens;
import io.tandem.touchpoint.service.TouchpointService;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every counter stored exactly once across database failures (issue 19 item 11), on the real PostgreSQL: a batch whose
 * commit went through but whose answer was lost (the connection cut after the commit) is not counted again when it is
 * retried, and one that never reached the database is counted when it is.
 */
@QuarkusTest
class RoomCountersTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    TouchpointService service;

    @Inject
    PgPool db;

    private UUID admitted(String name) {
        var created = newSession(ADVISOR1, name);
        admit(created.getString("code"));
        UUID id = UUID.fromString(created.getString("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> touchpoint(id) != null);
        return id;
    }

    private Row touchpoint(UUID sessionId) {
        var rows = db.preparedQuery("select * from touchpoint where session_id = $1").execute(Tuple.of(sessionId))
                .await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private static void run(Supplier<Uni<Void>> write) throws Throwable {
        try {
            VertxContextSupport.subscribeAndAwait(write);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause();
        }
    }

    @Test
    void aBatchWhoseCommitWentThroughButWhoseAnswerWasLostIsNotCountedTwice() throws Throwable {
        UUID session = admitted("Counted Connie");
        AtomicInteger writes = new AtomicInteger();
        RoomCounters counters = new RoomCounters((batch, activity) -> {
            Uni<Void> write = service.recordActivity(batch, activity);
            // the first write commits, then the connection is cut before its answer arrives
            return writes.incrementAndGet() == 1
                    ? write.chain(() -> Uni.createFrom().failure(new ConnectException("Connection reset")))
                    : write;
        });
        assertThrows(ConnectException.class,
                () -> run(() -> counters.activity(List.of(new RoomActivity(session, 2, 30, 3, 1, 1, 4)))));
        assertEquals(1, counters.pendingBatches());
        run(() -> counters.activity(List.of(new RoomActivity(session, 1, 10, 0, 0, 0, 0))));
        assertEquals(0, counters.pendingBatches());
        Row t = touchpoint(session);
        assertEquals(3, t.getInteger("pages_visited"), "2 + 1, not 2 + 2 + 1");
        assertEquals(40, t.getInteger("active_seconds"));
        assertEquals(3, t.getInteger("annotations"));
        assertEquals(1, t.getInteger("control_requests"));
        assertEquals(1, t.getInteger("control_grants"));
        assertEquals(4, t.getInteger("control_actions"));
    }

    @Test
    void aBatchThatNeverReachedTheDatabaseIsCountedWhenRetried() throws Throwable {
        UUID session = admitted("Retried Rita");
        AtomicInteger writes = new AtomicInteger();
        RoomCounters counters = new RoomCounters((batch, activity) -> writes.incrementAndGet() <= 2
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : service.recordActivity(batch, activity));
        assertThrows(ConnectException.class,
                () -> run(() -> counters.activity(List.of(new RoomActivity(session, 2, 30)))));
        assertThrows(ConnectException.class,
                () -> run(() -> counters.activity(List.of(new RoomActivity(session, 1, 5)))));
        assertEquals(2, counters.pendingBatches(), "two batches wait, kept apart");
        run(() -> counters.activity(List.of(new RoomActivity(session, 1, 5))));
        Row t = touchpoint(session);
        assertEquals(4, t.getInteger("pages_visited"));
        assertEquals(40, t.getInteger("active_seconds"));
    }
}
