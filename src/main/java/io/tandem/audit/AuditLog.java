package io.tandem.audit;

import io.smallrye.mutiny.Uni;
import io.tandem.api.Page;
import io.tandem.api.Paging;
import io.tandem.staff.StaffMember;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The audit log: written before the audited answer is sent (a read that cannot be audited fails), read newest first.
 * Details are capped at 2000 characters.
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_DETAIL = 2000;

    /** Entries with the names they are about: the customer (kept for an erasure), the session's advisor and start. */
    private static final String NAMED = """
            select a.*, coalesce(a.customer_name, c.name) as named_customer, adv.display_name as session_advisor,
                   coalesce(s.started_at, s.created_at) as session_started_at
            from audit_event a
            left join cobrowse_session s on s.id = a.session_id
            left join customer c on c.id = coalesce(a.customer_id, s.customer_id)
            left join advisor adv on adv.id = s.advisor_id""";

    private final Pool db;
    private final Clock clock;

    public AuditLog(Pool db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records an action; actor null means the system itself. */
    public Uni<Void> record(StaffMember actor, AuditAction action, UUID sessionId, UUID customerId, String detail) {
        return record(actor, action, sessionId, customerId, null, detail);
    }

    /**
     * Records an action that keeps the customer's name as it is now (an erasure: afterwards the customer's row no
     * longer has it); other entries name customers from their rows when read.
     */
    public Uni<Void> record(StaffMember actor, AuditAction action, UUID sessionId, UUID customerId,
            String customerName, String detail) {
        return record(db, actor, action, sessionId, customerId, customerName, detail);
    }

    /** Records an action in the caller's transaction: the entry stands or falls with the change it records. */
    public Uni<Void> record(SqlClient tx, StaffMember actor, AuditAction action, UUID sessionId, UUID customerId,
            String detail) {
        return record(tx, actor, action, sessionId, customerId, null, detail);
    }

    private Uni<Void> record(SqlClient client, StaffMember actor, AuditAction action, UUID sessionId,
            UUID customerId, String customerName, String detail) {
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        return client.preparedQuery("insert into audit_event (id, at, action, actor_id, actor_name, session_id,"
                + " customer_id, customer_name, detail) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), clock.instant().atOffset(ZoneOffset.UTC),
                        action.name(), actor == null ? null : actor.id(), actor == null ? null : actor.displayName(),
                        sessionId, customerId, customerName, d)))
                .replaceWithVoid();
    }

    /** Entries newest first, optionally of one action and/or one session. */
    public Uni<Page<AuditEntry>> list(AuditAction action, UUID sessionId, Paging paging) {
        String where = " where ($1::varchar is null or action = $1) and ($2::uuid is null or session_id = $2)";
        Tuple params = Tuple.of(action == null ? null : action.name(), sessionId);
        return db.preparedQuery(NAMED + where.replace(" action", " a.action").replace(" session_id", " a.session_id")
                + " order by a.at desc, a.id limit $3 offset $4")
                .execute(Tuple.of(params.getValue(0), params.getValue(1), paging.size(),
                        (long) paging.page() * paging.size()))
                .chain(rows -> {
                    List<AuditEntry> items = new ArrayList<>();
                    for (Row r : rows) {
                        items.add(new AuditEntry(r.getUUID("id"), r.getOffsetDateTime("at").toInstant(),
                                AuditAction.valueOf(r.getString("action")), r.getUUID("actor_id"),
                                r.getString("actor_name"), r.getUUID("session_id"), r.getUUID("customer_id"),
                                r.getString("detail"), r.getString("named_customer"),
                                r.getString("session_advisor"), instant(r, "session_started_at")));
                    }
                    return db.preparedQuery("select count(*) from audit_event" + where).execute(params)
                            .map(count -> new Page<>(items, paging.page(), paging.size(),
                                    count.iterator().next().getLong(0)));
                });
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime at = r.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }
}
