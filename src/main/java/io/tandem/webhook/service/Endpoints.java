package io.tandem.webhook.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.webhook.DeliveryView;
import io.tandem.webhook.EndpointRequest;
import io.tandem.webhook.EndpointView;
import io.tandem.webhook.EventType;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.staff.StaffMember;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Webhook endpoints registered by admins, and their deliveries. A URL is checked against {@link TargetPolicy} (its
 * host resolved on a worker thread) before it is stored; a refusal is a 422 and one log line.
 */
@ApplicationScoped
public class Endpoints {

    private static final Logger LOG = Logger.getLogger(Endpoints.class);
    private static final String VIEW = "select w.*, (select count(*) from webhook_delivery d where d.endpoint_id = w.id"
            + " and d.status = 'PENDING') as pending, (select count(*) from webhook_delivery d"
            + " where d.endpoint_id = w.id and d.status = 'DEAD') as dead from webhook_endpoint w";

    private final Pool db;
    private final TargetPolicy policy;
    private final Clock clock;
    private final AuditLog audit;

    public Endpoints(Pool db, TargetPolicy policy, Clock clock, AuditLog audit) {
        this.db = db;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Registers a receiver; the answer carries its signing secret, the only time it is shown. Audited
     * ({@code webhook_added}, the URL) in the same transaction.
     */
    public Uni<EndpointView> create(EndpointRequest request, StaffMember by) {
        String types = types(request.eventTypes());
        String secret = Secrets.generate();
        return checked(request.url()).chain(url -> {
            UUID id = UUID.randomUUID();
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            return db.withTransaction(tx -> tx.preparedQuery("insert into webhook_endpoint (id, url, description,"
                    + " secret, event_types, enabled, created_at, created_by, updated_at)"
                    + " values ($1, $2, $3, $4, $5, $6, $7, $8, $7)")
                    .execute(Tuple.from(new Object[]{id, url, blankToNull(request.description()), secret, types,
                            request.enabled() == null || request.enabled(), now, by.id()}))
                    .chain(() -> audit.record(tx, by, AuditAction.WEBHOOK_ADDED, null, null, url)))
                    .chain(() -> get(id)).map(v -> withSecret(v, secret));
        });
    }

    /**
     * Changes a receiver's URL, description, event types or whether it is enabled; the secret stays. Audited
     * ({@code webhook_changed}: the URL, events and whether it is on).
     */
    public Uni<EndpointView> update(UUID id, EndpointRequest request, StaffMember by) {
        String types = types(request.eventTypes());
        return checked(request.url()).chain(url -> db.withTransaction(tx -> tx.preparedQuery("update webhook_endpoint"
                + " set url = $2, description = $3, event_types = $4, enabled = coalesce($5, enabled), updated_at = $6"
                + " where id = $1 returning enabled")
                .execute(Tuple.of(id, url, blankToNull(request.description()), types, request.enabled(),
                        clock.instant().atOffset(ZoneOffset.UTC)))
                .call(rows -> found(rows, id))
                .chain(rows -> audit.record(tx, by, AuditAction.WEBHOOK_CHANGED, null, null, url + " (" + types
                        + (rows.iterator().next().getBoolean("enabled") ? ", on)" : ", off)")))))
                .chain(() -> get(id));
    }

    /** Removes a receiver with its pending deliveries and dead letters. Audited ({@code webhook_removed}). */
    public Uni<Void> delete(UUID id, StaffMember by) {
        return db.withTransaction(tx -> tx.preparedQuery("delete from webhook_endpoint where id = $1 returning url")
                .execute(Tuple.of(id)).call(rows -> found(rows, id))
                .chain(rows -> audit.record(tx, by, AuditAction.WEBHOOK_REMOVED, null, null,
                        rows.iterator().next().getString("url"))));
    }

    public Uni<EndpointView> get(UUID id) {
        return db.preparedQuery(VIEW + " where w.id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_WEBHOOK, id);
            }
            return view(rows.iterator().next());
        });
    }

    public Uni<List<EndpointView>> list() {
        return db.query(VIEW + " order by w.created_at, w.id").execute().map(rows -> {
            List<EndpointView> list = new ArrayList<>();
            rows.forEach(r -> list.add(view(r)));
            return list;
        });
    }

    /** An endpoint's deliveries, newest first; {@code status} pending, delivered or dead narrows them. */
    public Uni<Page<DeliveryView>> deliveries(UUID endpointId, String status, Paging paging) {
        String state = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (state != null && !Set.of("PENDING", "DELIVERED", "DEAD").contains(state)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "status: must be pending, delivered or dead");
        }
        String where = " where d.endpoint_id = $1 and ($2::varchar is null or d.status = $2)";
        return get(endpointId).chain(() -> db.preparedQuery("select d.*, e.type from webhook_delivery d"
                + " join webhook_event e on e.id = d.event_id" + where
                + " order by d.created_at desc, d.id limit $3 offset $4")
                .execute(Tuple.of(endpointId, state, paging.size(), (long) paging.page() * paging.size())))
                .chain(rows -> db.preparedQuery("select count(*) from webhook_delivery d" + where)
                        .execute(Tuple.of(endpointId, state)).map(count -> {
                            List<DeliveryView> items = new ArrayList<>();
                            rows.forEach(r -> items.add(delivery(r)));
                            return new Page<>(items, paging.page(), paging.size(),
                                    count.iterator().next().getLong(0));
                        }));
    }

    /**
     * Sends a dead letter again: pending at once, with a fresh retry window and the same webhook-id. Audited
     * ({@code redeliver}: the delivery and its event).
     */
    public Uni<DeliveryView> redeliver(UUID endpointId, UUID deliveryId, StaffMember by) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return db.withTransaction(tx -> tx.preparedQuery("update webhook_delivery set status = 'PENDING',"
                + " next_attempt_at = $3, window_started_at = $3, finished_at = null"
                + " where id = $1 and endpoint_id = $2 and status = 'DEAD' returning event_id")
                .execute(Tuple.of(deliveryId, endpointId, now))
                .call(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : audit.record(tx, by, AuditAction.REDELIVER, null, null, "delivery " + deliveryId
                                + " of event " + rows.iterator().next().getUUID("event_id"))))
                .chain(rows -> db.preparedQuery("select d.*, e.type from webhook_delivery d join webhook_event e"
                        + " on e.id = d.event_id where d.id = $1 and d.endpoint_id = $2")
                        .execute(Tuple.of(deliveryId, endpointId)).map(found -> {
                            if (found.size() == 0) {
                                throw ProblemException.notFound(ProblemType.UNKNOWN_WEBHOOK, deliveryId);
                            }
                            if (rows.rowCount() == 0) {
                                throw new ProblemException(ProblemType.NOT_A_DEAD_LETTER,
                                        "Only a dead letter can be redelivered; this delivery is "
                                                + found.iterator().next().getString("status").toLowerCase(Locale.ROOT)
                                                + ".");
                            }
                            return delivery(found.iterator().next());
                        }));
    }

    /** The URL after the SSRF check (which resolves the host, so it runs on a worker thread). */
    private Uni<String> checked(String url) {
        return Uni.createFrom().item(() -> {
            try {
                return policy.resolve(url).uri().toString();
            } catch (TargetPolicy.Refused e) {
                LOG.infof("Webhook target refused: %s", e.getMessage());
                throw new ProblemException(ProblemType.WEBHOOK_TARGET_REFUSED, e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String types(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Choose at least one event type.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : requested) {
            String name = t == null ? "" : t.strip();
            if (EventType.ofWire(name).isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "\u201c" + name
                        + "\u201d is not an event type; choose from " + Arrays.stream(EventType.values())
                                .map(EventType::wire).toList()
                        + ".");
            }
            types.add(name);
        }
        return String.join(",", types);
    }

    private static Uni<Void> found(RowSet<Row> rows, UUID id) {
        if (rows.rowCount() == 0) {
            return Uni.createFrom().failure(ProblemException.notFound(ProblemType.UNKNOWN_WEBHOOK, id));
        }
        return Uni.createFrom().voidItem();
    }

    private static EndpointView view(Row r) {
        return new EndpointView(r.getUUID("id"), r.getString("url"), r.getString("description"),
                List.of(r.getString("event_types").split(",")), r.getBoolean("enabled"), instant(r, "created_at"),
                instant(r, "updated_at"), r.getLong("pending"), r.getLong("dead"), null);
    }

    private static EndpointView withSecret(EndpointView v, String secret) {
        return new EndpointView(v.id(), v.url(), v.description(), v.eventTypes(), v.enabled(), v.createdAt(),
                v.updatedAt(), v.pending(), v.dead(), secret);
    }

    private static DeliveryView delivery(Row r) {
        Integer lastStatus = r.getInteger("last_status");
        return new DeliveryView(r.getUUID("id"), r.getUUID("event_id"), r.getString("type"),
                r.getString("status").toLowerCase(Locale.ROOT), r.getInteger("attempts"), instant(r, "created_at"),
                instant(r, "next_attempt_at"), instant(r, "last_attempt_at"), lastStatus, r.getString("last_error"),
                instant(r, "finished_at"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
