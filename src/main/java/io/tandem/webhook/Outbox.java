package io.tandem.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The transactional outbox of outbound webhooks. An event is written in the transaction of the change that caused it,
 * together with one pending delivery per enabled endpoint subscribed to its type, so a crash can neither lose an event
 * nor send one whose change rolled back. The delivery worker sends them later, outside that transaction.
 */
@ApplicationScoped
public class Outbox {

    // One statement: the event, and its deliveries to the endpoints subscribed at this moment.
    private static final String APPEND = """
            with e as (
                insert into webhook_event (id, type, body, created_at) values (:id, :type, :body, :now) returning id
            )
            insert into webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at,
                                          window_started_at, created_at)
            select gen_random_uuid(), e.id, w.id, 'PENDING', 0, :now, :now, :now
            from e cross join webhook_endpoint w
            where w.enabled and :type = any (string_to_array(w.event_types, ','))""";

    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Appends one event in the caller's Hibernate Reactive transaction (the current Panache session, inside
     * {@code @WithTransaction}): it commits or rolls back with the change that caused it. {@code data} is serialised
     * with Jackson into the payload's {@code data} field.
     */
    public Uni<Void> append(EventType type, Object data) {
        Objects.requireNonNull(type, "type");
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String body = body(id, type, now, data);
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.append runs inside the transaction of the change (@WithTransaction)"));
            }
            return Panache.getSession().chain(db -> db.createNativeQuery(APPEND)
                    .setParameter("id", id)
                    .setParameter("type", type.wire())
                    .setParameter("body", body)
                    .setParameter("now", now)
                    .executeUpdate());
        }).replaceWithVoid();
    }

    /** The payload, as Standard Webhooks shapes it: type, timestamp and data (plus the event's id). */
    private String body(UUID id, EventType type, Instant now, Object data) {
        ObjectNode payload = json.createObjectNode();
        payload.put("id", id.toString());
        payload.put("type", type.wire());
        payload.put("timestamp", now.toString());
        payload.set("data", json.valueToTree(data));
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event's data could not be written as JSON", e);
        }
    }
}
