package io.tandem.webhook.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The worker's statements on webhook_delivery. A claim takes due rows of one endpoint with FOR UPDATE SKIP LOCKED and
 * stamps them with a token and a lease in the same statement, so two workers never take the same attempt; a result is
 * written only under the token it was claimed with, so a worker whose lease lapsed cannot overwrite a later attempt.
 */
@ApplicationScoped
public class DeliveryStore {

    /** An enabled endpoint as the worker needs it. */
    public record Endpoint(UUID id, String url, String secret) {}

    /** One claimed attempt. */
    public record Claimed(UUID id, UUID eventId, int attempts, Instant windowStartedAt, String body) {}

    private static final String CLAIM = """
            with due as (
                select id from webhook_delivery
                where endpoint_id = $1 and status = 'PENDING' and next_attempt_at <= $2
                  and (claimed_until is null or claimed_until < $2)
                order by next_attempt_at
                limit $3
                for update skip locked
            )
            update webhook_delivery d set claim_token = $4, claimed_until = $5
            from due, webhook_event e
            where d.id = due.id and e.id = d.event_id
            returning d.id, d.event_id, d.attempts, d.window_started_at, e.body""";

    private static final String RESULT = """
            update webhook_delivery set status = $3, attempts = attempts + 1, next_attempt_at = coalesce($4, next_attempt_at),
                last_attempt_at = $5, last_status = $6, last_error = $7, finished_at = $8,
                claim_token = null, claimed_until = null
            where id = $1 and claim_token = $2""";

    private final Pool db;

    public DeliveryStore(Pool db) {
        this.db = db;
    }

    public Uni<List<Endpoint>> enabledEndpoints() {
        return db.query("select id, url, secret from webhook_endpoint where enabled").execute().map(rows -> {
            List<Endpoint> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new Endpoint(r.getUUID("id"), r.getString("url"), r.getString("secret")));
            }
            return list;
        });
    }

    /** Claims up to {@code limit} due deliveries of one endpoint until {@code until}, under {@code token}. */
    public Uni<List<Claimed>> claim(UUID endpointId, int limit, Instant now, Instant until, UUID token) {
        return db.preparedQuery(CLAIM).execute(Tuple.of(endpointId, time(now), limit, token, time(until)))
                .map(rows -> {
                    List<Claimed> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Claimed(r.getUUID("id"), r.getUUID("event_id"), r.getInteger("attempts"),
                                r.getOffsetDateTime("window_started_at").toInstant(), r.getString("body")));
                    }
                    return list;
                });
    }

    /** Records a 2xx answer. */
    public Uni<Void> delivered(Claimed c, UUID token, Instant at, int status) {
        return result(c, token, "DELIVERED", null, at, status, null, at);
    }

    /** Records a failed attempt: another at {@code next}, or (next null) a dead letter. */
    public Uni<Void> failed(Claimed c, UUID token, Instant at, Integer status, String error, Instant next) {
        return next == null
                ? result(c, token, "DEAD", null, at, status, error, at)
                : result(c, token, "PENDING", next, at, status, error, null);
    }

    private Uni<Void> result(Claimed c, UUID token, String state, Instant next, Instant at, Integer status,
            String error, Instant finished) {
        String shortError = error == null || error.length() <= 300 ? error : error.substring(0, 297) + "...";
        return db.preparedQuery(RESULT).execute(Tuple.from(new Object[]{c.id(), token, state, time(next), time(at),
                status, shortError, time(finished)})).replaceWithVoid();
    }

    /** Deletes events older than {@code before} whose every delivery went through (dead letters keep theirs). */
    public Uni<Integer> purgeDelivered(Instant before) {
        return db.preparedQuery("delete from webhook_event e where e.created_at < $1 and not exists (select 1 from"
                + " webhook_delivery d where d.event_id = e.id and d.status <> 'DELIVERED')")
                .execute(Tuple.of(time(before))).map(rows -> rows.rowCount());
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
