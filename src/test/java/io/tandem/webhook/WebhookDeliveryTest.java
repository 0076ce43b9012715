package io.tandem.webhook;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.tandem.webhook.delivery.DeliveryStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks against real local receivers: events from completed touchpoints and feedback arrive signed so that
 * an independent Standard Webhooks check accepts them; failures are retried under the same webhook-id; a hanging
 * receiver holds up no other endpoint; past the retry window a delivery is a dead letter an admin can redeliver; a
 * dead worker's claim lapses; two workers never claim the same delivery.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Inject
    TestClock clock;

    @Inject
    Pool db;

    @Inject
    DeliveryStore store;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void removeEndpointsAndReceivers() {
        List<String> ids = as(ADMIN).get("/api/admin/webhooks").then().statusCode(200).extract().path("id");
        ids.forEach(id -> as(ADMIN).delete("/api/admin/webhooks/" + id).then().statusCode(204));
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(Receiver r) {
        receivers.add(r);
        return r;
    }

    /** Registers an endpoint; returns its id and secret. */
    static JsonPath register(String url, String... types) {
        return as(ADMIN).body(Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"))
                .post("/api/admin/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private void append(EventType type, Object data) {
        inTransaction(() -> outbox.append(type, data));
    }

    private static <T> void inTransaction(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> deliveries(String endpointId, String status) {
        return as(ADMIN).queryParam("status", status).get("/api/admin/webhooks/" + endpointId + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private void assertSigned(String secret, Receiver.Request r) {
        assertTrue(StandardWebhooksCheck.verify(secret, r.id(), r.timestamp(), r.signature(), r.body(),
                clock.instant()), "the Standard Webhooks check accepts " + r);
        assertFalse(StandardWebhooksCheck.verify(secret, r.id(), r.timestamp(), r.signature(), r.body() + " ",
                clock.instant()), "and refuses the same delivery with its body changed");
        assertTrue(r.contentType().startsWith("application/json"));
    }

    @Test
    void completedTouchpointsAndFeedbackArriveSignedWithWhatACrmNeeds() throws Exception {
        Receiver crm = receiver(Receiver.answering(200));
        JsonPath endpoint = register(crm.url(), "touchpoint.completed", "feedback.received");
        String secret = endpoint.getString("secret");
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);

        JsonPath created = newSession(ADVISOR1, "Hooked Hana");
        String session = created.getString("id");
        String credential = admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "policy_explained")).post("/api/sessions/" + session + "/end").then()
                .statusCode(200);
        customer(credential).body(Map.of("score", 3, "comment", "too slow")).post("/api/sessions/" + session
                + "/feedback").then().statusCode(200);

        List<Receiver.Request> mine = Poll.until(WAIT, () -> crm.received().stream()
                .filter(r -> r.body().contains(session)).toList(), l -> l.size() >= 2, "both events received");
        assertEquals(2, mine.size(), "each event once: " + mine);
        JsonPath completed = null;
        JsonPath feedback = null;
        for (Receiver.Request r : mine) {
            assertSigned(secret, r);
            JsonPath body = JsonPath.from(r.body());
            assertEquals(r.id(), body.getString("id"), "webhook-id is the event's id");
            if (body.getString("type").equals("touchpoint.completed")) {
                completed = body;
            } else {
                feedback = body;
            }
        }
        assertNotNull(completed);
        assertNotNull(feedback);
        String customerId = as(ADVISOR1).get("/api/sessions/" + session).then().extract().path("customer.id");
        assertEquals(session, completed.getString("data.sessionId"));
        assertEquals(customerId, completed.getString("data.customerId"));
        assertEquals("policy_explained", completed.getString("data.outcome"));
        assertEquals(TestTokens.ADVISOR1_NAME, completed.getString("data.advisorName"));
        assertNotNull(completed.getString("data.touchpointId"));
        assertNotNull(completed.getString("data.advisorId"));
        assertNotNull(completed.getString("data.completedAt"));
        assertNotNull(completed.getString("timestamp"));
        assertEquals("feedback.received", feedback.getString("type"));
        assertEquals(completed.getString("data.touchpointId"), feedback.getString("data.touchpointId"));
        assertEquals(3, feedback.getInt("data.score"));
        assertEquals("detractor", feedback.getString("data.category"));
        assertEquals("too slow", feedback.getString("data.comment"));
        assertFalse(feedback.getBoolean("data.revised"));
    }

    @Test
    void aSessionThatExpiresCompletesItsTouchpointWithAnEventToo() throws Exception {
        Receiver crm = receiver(Receiver.answering(200));
        String secret = register(crm.url(), "touchpoint.completed").getString("secret");
        String session = newSession(ADVISOR1, "Expired Esme").getString("id");
        clock.advance(Duration.ofMinutes(21)); // the join link expires; the sweep completes the touchpoint
        Receiver.Request r = Poll.until(WAIT, () -> crm.received().stream().filter(x -> x.body().contains(session))
                .findFirst(), java.util.Optional::isPresent, "the expiry's event").get();
        assertSigned(secret, r);
        assertEquals("no_show", JsonPath.from(r.body()).getString("data.outcome"));
    }

    @Test
    void aReceiverAnswering500IsRetriedAndGetsTheEventOnceMoreUnderTheSameId() throws Exception {
        Receiver flaky = receiver(new Receiver(n -> n == 0 ? 500 : 200));
        JsonPath endpoint = register(flaky.url(), "followup.opened");
        String marker = UUID.randomUUID().toString();
        append(EventType.FOLLOWUP_OPENED, Map.of("marker", marker));

        Map<String, Object> done = Poll.until(WAIT, () -> deliveries(endpoint.getString("id"), "delivered"),
                l -> !l.isEmpty(), "delivered").get(0);
        assertEquals(2, done.get("attempts"));
        assertEquals(200, done.get("lastStatus"));
        List<Receiver.Request> got = flaky.received();
        assertEquals(2, got.size(), "one failed attempt, one delivery: " + got);
        assertEquals(got.get(0).id(), got.get(1).id(), "the same webhook-id on the retry");
        assertEquals(got.get(0).body(), got.get(1).body(), "the same body on the retry");
        assertTrue(got.get(1).body().contains(marker));
        got.forEach(r -> assertSigned(endpoint.getString("secret"), r));
    }

    @Test
    void aHangingReceiverHoldsUpNoOtherEndpoint() throws Exception {
        Receiver hanging = receiver(Receiver.answering(Receiver.HANG));
        Receiver fast = receiver(Receiver.answering(204));
        JsonPath slowEndpoint = register(hanging.url(), "followup.closed");
        register(fast.url(), "followup.closed");
        for (int i = 0; i < 6; i++) {
            append(EventType.FOLLOWUP_CLOSED, Map.of("n", i));
        }
        Poll.until(WAIT, () -> fast.received().stream().map(Receiver.Request::id).distinct().count() == 6,
                "the fast receiver has all six events");
        assertTrue(hanging.hanging.get() > 0, "the hanging receiver is still holding requests");
        assertTrue(hanging.received().size() <= 4, "at most per-endpoint-concurrency (4) requests in flight to it");
        List<Map<String, Object>> pending = deliveries(slowEndpoint.getString("id"), "pending");
        assertEquals(6, pending.size());
        assertTrue(pending.stream().allMatch(d -> (Integer) d.get("attempts") == 0),
                "no attempt to the hanging receiver has even timed out yet: " + pending);
    }

    @Test
    void pastTheRetryWindowADeliveryIsADeadLetterAndAnAdminRedeliversIt() throws Exception {
        AtomicInteger status = new AtomicInteger(500);
        Receiver down = receiver(new Receiver(n -> status.get()));
        JsonPath endpoint = register(down.url(), "ladder.changed");
        String id = endpoint.getString("id");
        append(EventType.LADDER_CHANGED, Map.of("customerId", UUID.randomUUID().toString()));
        Poll.until(WAIT, () -> deliveries(id, "pending"), l -> !l.isEmpty() && (Integer) l.get(0).get("attempts") >= 1,
                "a first failed attempt");

        clock.advance(Duration.ofHours(26));
        Map<String, Object> dead = Poll.until(WAIT, () -> deliveries(id, "dead"), l -> !l.isEmpty(), "a dead letter")
                .get(0);
        assertEquals(500, dead.get("lastStatus"));
        assertEquals("ladder.changed", dead.get("eventType"));

        status.set(200);
        as(ADMIN).post("/api/admin/webhooks/" + id + "/deliveries/" + dead.get("id") + "/redeliver").then()
                .statusCode(200).body("status", equalTo("pending"));
        Poll.until(WAIT, () -> deliveries(id, "delivered"), l -> !l.isEmpty(), "redelivered");
        as(ADMIN).queryParam("action", "redeliver").get("/api/audit").then().statusCode(200)
                .body("items[0].actorName", equalTo("Dev Diaz"))
                .body("items[0].detail", org.hamcrest.Matchers.startsWith("delivery " + dead.get("id") + " of event "));
        assertEquals(1, down.received().stream().map(Receiver.Request::id).distinct().count(),
                "every attempt and the redelivery carry one webhook-id");
        as(ADMIN).post("/api/admin/webhooks/" + id + "/deliveries/" + dead.get("id") + "/redeliver").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:not-a-dead-letter"));
        as(TestTokens.supervisor1()).post("/api/admin/webhooks/" + id + "/deliveries/" + dead.get("id")
                + "/redeliver").then().statusCode(403);
    }

    @Test
    void theClaimOfAWorkerThatDiedLapsesAndTheDeliveryGoesOutUnderItsId() throws Exception {
        Receiver crm = receiver(Receiver.answering(200));
        JsonPath endpoint = register(crm.url(), "followup.opened");
        UUID endpointId = UUID.fromString(endpoint.getString("id"));
        // a worker claimed this delivery for an hour, then died: the claim is written in the event's own transaction,
        // so the live worker never sees the row unclaimed
        inTransaction(() -> outbox.append(EventType.FOLLOWUP_OPENED, Map.of("claimed", true))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("update webhook_delivery set"
                        + " claim_token = gen_random_uuid(), claimed_until = :until where endpoint_id = :endpoint")
                        .setParameter("until", clock.instant().plus(Duration.ofHours(1)))
                        .setParameter("endpoint", endpointId).executeUpdate())));
        append(EventType.FOLLOWUP_OPENED, Map.of("claimed", false));

        Poll.until(WAIT, () -> crm.received().stream().anyMatch(r -> r.body().contains("\"claimed\":false")),
                "the unclaimed event delivered");
        assertTrue(crm.received().stream().noneMatch(r -> r.body().contains("\"claimed\":true")),
                "the claimed one waits for its lease");
        clock.advance(Duration.ofMinutes(61));
        Poll.until(WAIT, () -> crm.received().stream().anyMatch(r -> r.body().contains("\"claimed\":true")),
                "the lapsed claim delivered");
        assertEquals(2, crm.received().size());
    }

    @Test
    void twoWorkersClaimingAtOnceNeverTakeTheSameDelivery() throws Exception {
        // a disabled endpoint: the live worker leaves its rows alone, the two workers here race for them
        UUID endpoint = UUID.randomUUID();
        Instant now = clock.instant();
        db.preparedQuery("insert into webhook_endpoint (id, url, secret, event_types, enabled, created_at,"
                + " updated_at) values ($1, 'http://127.0.0.1:9/', 'whsec_AAAA', 'followup.opened', false, $2, $2)")
                .execute(Tuple.of(endpoint, now.atOffset(ZoneOffset.UTC))).await().indefinitely();
        for (int i = 0; i < 40; i++) {
            UUID event = UUID.randomUUID();
            db.preparedQuery("insert into webhook_event (id, type, body, created_at) values ($1, 'followup.opened',"
                    + " '{}', $2)").execute(Tuple.of(event, now.atOffset(ZoneOffset.UTC))).await().indefinitely();
            db.preparedQuery("insert into webhook_delivery (id, event_id, endpoint_id, status, next_attempt_at,"
                    + " window_started_at, created_at) values (gen_random_uuid(), $1, $2, 'PENDING', $3, $3, $3)")
                    .execute(Tuple.of(event, endpoint, now.atOffset(ZoneOffset.UTC))).await().indefinitely();
        }
        try {
            Set<UUID> all = new HashSet<>();
            for (int round = 0; round < 6; round++) {
                Instant at = clock.instant();
                Instant lease = at.plus(Duration.ofHours(1));
                CompletableFuture<List<DeliveryStore.Claimed>> a = CompletableFuture.supplyAsync(() -> store
                        .claim(endpoint, 3, at, lease, UUID.randomUUID()).await().indefinitely());
                CompletableFuture<List<DeliveryStore.Claimed>> b = CompletableFuture.supplyAsync(() -> store
                        .claim(endpoint, 3, at, lease, UUID.randomUUID()).await().indefinitely());
                Set<UUID> first = new HashSet<>(a.join().stream().map(DeliveryStore.Claimed::id).toList());
                Set<UUID> second = new HashSet<>(b.join().stream().map(DeliveryStore.Claimed::id).toList());
                Set<UUID> both = new HashSet<>(first);
                both.retainAll(second);
                assertEquals(Set.of(), both, "claimed by both workers in round " + round);
                assertEquals(6, first.size() + second.size(), "each claims its share");
                for (UUID id : first) {
                    assertTrue(all.add(id), "claimed again while its lease holds: " + id);
                }
                for (UUID id : second) {
                    assertTrue(all.add(id), "claimed again while its lease holds: " + id);
                }
            }
        } finally {
            db.preparedQuery("delete from webhook_endpoint where id = $1").execute(Tuple.of(endpoint)).await()
                    .indefinitely();
        }
    }
}
