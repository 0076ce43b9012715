package io.tandem.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.relay.listener.DocumentViewed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Document viewing stored exactly once across database failures (issue 19 item 11), on the real PostgreSQL: a batch
 * whose commit went through but whose answer was lost adds its seconds once, not again when it is retried.
 */
@QuarkusTest
class RoomDocumentViewingTest {

    @Inject
    Pool db;

    private static void run(Supplier<Uni<Void>> write) throws Throwable {
        try {
            VertxContextSupport.subscribeAndAwait(write);
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    @Test
    void aViewingWhoseCommitWentThroughButWhoseAnswerWasLostIsNotCountedTwice() throws Throwable {
        AtomicInteger writes = new AtomicInteger();
        SessionDocumentStore cutAfterTheFirstCommit = new SessionDocumentStore(db) {
            @Override
            public Uni<Void> addViewings(UUID batchId, List<DocumentViewing> viewings) {
                Uni<Void> write = super.addViewings(batchId, viewings);
                return writes.incrementAndGet() == 1
                        ? write.chain(() -> Uni.createFrom().failure(new ConnectException("Connection reset")))
                        : write;
            }
        };
        RoomDocumentViewing viewing = new RoomDocumentViewing(cutAfterTheFirstCommit);
        UUID session = UUID.randomUUID();
        UUID version = UUID.randomUUID();
        Instant at = Instant.now();
        assertThrows(ConnectException.class,
                () -> run(() -> viewing.viewings(List.of(new DocumentViewed(session, version, 30, Set.of(1, 2), at)))));
        run(() -> viewing.viewings(List.of(new DocumentViewed(session, version, 12, Set.of(3), at))));
        Row row = db.preparedQuery("select seconds, pages from document_viewing where session_id = $1")
                .execute(Tuple.of(session)).await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertEquals(42L, row.getLong("seconds"), "30 + 12, not 30 + 30 + 12");
        assertEquals(List.of(1, 2, 3), List.of(row.getArrayOfIntegers("pages")));
    }
}
