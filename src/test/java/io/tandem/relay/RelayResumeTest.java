package io.tandem.relay;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.newSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.config.RelayConfig;
import io.tandem.relay.room.RoomRegistry;
import io.tandem.testing.RelayClient;
import io.tandem.testing.RelayClient.Frame;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Dropped connections resume by sequence number; the keyframe stays bounded; the stream feeds the touchpoint. */
@QuarkusTest
class RelayResumeTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RelayConfig config;

    @Inject
    RoomRegistry rooms;

    @Inject
    TestClock clock;

    @Inject
    PgPool db;

    record Session(String id, String credential) {}

    private Session active(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        return new Session(created.getString("id"), admit(created.getString("code")));
    }

    private static List<String> domPayloads(List<Frame> frames) {
        return frames.stream().filter(f -> f.type().startsWith("dom.")).map(Frame::text).toList();
    }

    @Test
    void reconnectingCustomerResendsUnacknowledgedFramesAndNothingIsDuplicated() {
        Session s = active("Resume Ruth");
        try (RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
            RelayClient first = RelayClient.customer(base, s.id, s.credential).hello();
            first.sendReliable("dom.snap", null, "{\"v\":\"snap\"}");
            first.sendReliable("dom.mut", null, "{\"v\":1}");
            first.sendReliable("dom.mut", null, "{\"v\":2}");
            advisor.await(f -> f.text().equals("{\"v\":2}"), "frame 2");
            first.abort();

            RelayClient again = RelayClient.customer(base, s.id, s.credential).sameEpochAs(first).hello();
            assertEquals(3, again.welcome().json().path("acked").asLong(), "the server tells what it already has");
            // a client unsure what arrived resends from its outbox: 2 and 3 again, then new ones
            again.send("dom.mut", 2, null, "{\"v\":1}");
            again.send("dom.mut", 3, null, "{\"v\":2}");
            again.send("dom.mut", 4, null, "{\"v\":3}");
            advisor.await(f -> f.text().equals("{\"v\":3}"), "frame 3");
            List<Frame> seen = advisor.all().stream().filter(f -> f.type().equals("dom.mut")).toList();
            assertEquals(List.of("{\"v\":1}", "{\"v\":2}", "{\"v\":3}"), seen.stream().map(Frame::text).toList());
            again.close();
        }
    }

    @Test
    void newPageLoadStartsANewSequence() {
        Session s = active("Fresh Fred");
        try (RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
            RelayClient page1 = RelayClient.customer(base, s.id, s.credential).hello();
            page1.sendReliable("dom.snap", null, "{\"page\":1}");
            advisor.await("dom.snap");
            page1.close();
            try (RelayClient page2 = RelayClient.customer(base, s.id, s.credential).hello()) {
                assertEquals(0, page2.welcome().json().path("acked").asLong());
                page2.sendReliable("dom.snap", null, "{\"page\":2}");
                advisor.await(f -> f.text().equals("{\"page\":2}"), "the second page's snapshot");
            }
        }
    }

    @Test
    void viewerResumingByRoomSequenceGetsOnlyWhatItMissed() {
        Session s = active("Gap Gina");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello();
            customer.sendReliable("dom.snap", null, "{\"v\":\"snap\"}");
            long lastSeen = advisor.await("dom.snap").n();
            advisor.abort();
            customer.sendReliable("dom.mut", null, "{\"v\":\"missed1\"}");
            customer.sendReliable("dom.mut", null, "{\"v\":\"missed2\"}");
            customer.drain(200);
            try (RelayClient back = RelayClient.staff(base, s.id, ADVISOR1).hello(lastSeen)) {
                List<Frame> frames = back.drain(400);
                assertFalse(frames.stream().anyMatch(f -> f.type().equals("sys.reset")), "no rebuild needed");
                assertEquals(List.of("{\"v\":\"missed1\"}", "{\"v\":\"missed2\"}"), domPayloads(frames));
            }
        }
    }

    @Test
    void viewerResumingFromBeyondTheReplayLogIsRebuiltFromTheKeyframe() {
        Session s = active("Far Fiona");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello();
            customer.sendReliable("dom.snap", null, "{\"v\":\"snap\"}");
            long lastSeen = advisor.await("dom.snap").n();
            advisor.abort();
            String chunk = "y".repeat(200_000);
            int count = (int) (config.replayLogBytes() / 200_000) + 2;
            for (int i = 0; i < count; i++) {
                customer.sendReliable("dom.mut", null, chunk);
            }
            customer.sendReliable("dom.snap", null, "{\"v\":\"snap2\"}");
            customer.drain(300);
            try (RelayClient back = RelayClient.staff(base, s.id, ADVISOR1).hello(lastSeen)) {
                back.await("sys.reset");
                assertEquals(List.of("{\"v\":\"snap2\"}"), domPayloads(back.drain(400)));
            }
        }
    }

    @Test
    void keyframeIsBoundedAndTheSharerIsAskedForAFreshSnapshot() {
        Session s = active("Bounded Bo");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello()) {
            customer.sendReliable("dom.snap", null, "{\"v\":\"snap\"}");
            String chunk = "z".repeat(200_000);
            int count = (int) (2.5 * config.keyframeIncrementalBytes() / 200_000);
            for (int i = 0; i < count; i++) {
                customer.sendReliable("dom.mut", null, chunk);
            }
            Frame request = customer.await("sys.snapshot-request");
            assertEquals("keyframe-bound", request.json().path("reason").asText());
            long keyframe = rooms.existing(UUID.fromString(s.id)).stats().keyframeBytes();
            assertTrue(keyframe <= 2L * config.keyframeIncrementalBytes() + 1000, "keyframe bytes " + keyframe);
            customer.sendReliable("dom.snap", null, "{\"v\":\"fresh\"}");
            await().atMost(Duration.ofSeconds(3)).until(
                    () -> rooms.existing(UUID.fromString(s.id)).stats().keyframeBytes() < 1000);
            try (RelayClient late = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
                late.await("sys.reset");
                assertEquals(List.of("{\"v\":\"fresh\"}"), domPayloads(late.drain(400)));
            }
        }
    }

    @Test
    void pagesVisitedAndActiveTimeReachTheTouchpoint() {
        Session s = active("Counted Cora");
        try (RelayClient customer = RelayClient.customer(base, s.id, s.credential).hello();
                RelayClient advisor = RelayClient.staff(base, s.id, ADVISOR1).hello()) {
            customer.sendReliable("dom.nav", "load", "{\"url\":\"/demo/\"}");
            customer.sendReliable("dom.nav", "title", "{\"title\":\"Quote\"}");
            customer.sendReliable("dom.nav", "load", "{\"url\":\"/demo/quote.html\"}");
            advisor.await(f -> f.text().contains("quote.html"), "the second navigation");
            clock.advance(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Row row = db.preparedQuery("select pages_visited, active_seconds from touchpoint where session_id = $1")
                        .execute(Tuple.of(UUID.fromString(s.id))).await().indefinitely().iterator().next();
                assertEquals(2, row.getInteger("pages_visited"));
                assertTrue(row.getInteger("active_seconds") >= 90, "active seconds " + row.getInteger(
                        "active_seconds"));
            });
        }
    }
}
