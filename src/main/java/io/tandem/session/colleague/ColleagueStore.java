package io.tandem.session.colleague;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The rows of more than two in a session: invitations (session_invitation) and the colleagues beside the owner
 * (session_colleague). Plain SQL on the reactive pool; every change that must not race is one conditional statement.
 */
@ApplicationScoped
public class ColleagueStore {

    /** An invitation with the names it shows: who invited, the invitee, who answered, the customer. */
    private static final String SELECT = """
            select i.*, inviter.display_name as inviter_name, invitee.display_name as invitee_name,
                   answerer.display_name as answerer_name, c.name as customer_name, s.status as session_status,
                   s.advisor_id as owner_id
            from session_invitation i
            join cobrowse_session s on s.id = i.session_id
            join customer c on c.id = s.customer_id
            join advisor inviter on inviter.id = i.invited_by
            left join advisor invitee on invitee.id = i.invitee_id
            left join advisor answerer on answerer.id = i.answered_by""";

    private final Pool db;

    public ColleagueStore(Pool db) {
        this.db = db;
    }

    public Pool pool() {
        return db;
    }

    /** The seat a staff member holds beside the session's owner (ADVISOR or SUPERVISOR), or null. */
    public Uni<String> seat(UUID sessionId, UUID staffId) {
        return db.preparedQuery("select seat from session_colleague where session_id = $1 and staff_id = $2")
                .execute(Tuple.of(sessionId, staffId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("seat"));
    }

    public Uni<Void> insert(SqlClient tx, UUID id, UUID sessionId, String kind, UUID invitedBy, UUID inviteeId,
            String team, String note, Instant createdAt, Instant expiresAt) {
        return tx.preparedQuery("insert into session_invitation (id, session_id, kind, invited_by, invitee_id, team,"
                + " note, status, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $9)")
                .execute(Tuple.from(Arrays.asList(id, sessionId, kind, invitedBy, inviteeId, team, note,
                        at(createdAt), at(expiresAt))))
                .replaceWithVoid();
    }

    public Uni<InvitationRow> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT + " where i.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : row(rows.iterator().next()));
    }

    /** How many of the session's invitations are pending and unexpired. */
    public Uni<Long> pendingCount(SqlClient tx, UUID sessionId, Instant now) {
        return tx.preparedQuery("select count(*) from session_invitation where session_id = $1 and status = 'PENDING'"
                + " and expires_at > $2").execute(Tuple.of(sessionId, at(now)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The session's invitations, newest first. */
    public Uni<List<InvitationRow>> ofSession(UUID sessionId) {
        return db.preparedQuery(SELECT + " where i.session_id = $1 order by i.created_at desc, i.id limit 100")
                .execute(Tuple.of(sessionId)).map(ColleagueStore::rows);
    }

    /**
     * The pending, unexpired invitations to this staff member or their team, for sessions still open and not their
     * own, newest first.
     */
    public Uni<List<InvitationRow>> pendingFor(UUID staffId, String team, Instant now) {
        return db.preparedQuery(SELECT + " where i.status = 'PENDING' and i.expires_at > $3"
                + " and s.status in ('CREATED', 'WAITING', 'ACTIVE') and s.advisor_id <> $1"
                + " and (i.invitee_id = $1 or ($2::varchar is not null and lower(i.team) = lower($2)))"
                + " order by i.created_at desc, i.id limit 50")
                .execute(Tuple.of(staffId, team, at(now))).map(ColleagueStore::rows);
    }

    /**
     * Answers a pending invitation (ACCEPTED, DECLINED or WITHDRAWN): true if this call did, false if it was no
     * longer pending (answered, withdrawn, or taken by a team-mate first).
     */
    public Uni<Boolean> answer(SqlClient tx, UUID id, String status, UUID by, Instant at) {
        return tx.preparedQuery("update session_invitation set status = $2, answered_by = $3, answered_at = $4"
                + " where id = $1 and status = 'PENDING'")
                .execute(Tuple.of(id, status, by, at(at))).map(r -> r.rowCount() == 1);
    }

    /** Seats a colleague beside the owner (or changes their seat). */
    public Uni<Void> seat(SqlClient tx, UUID sessionId, UUID staffId, String seat, Instant since) {
        return tx.preparedQuery("insert into session_colleague (session_id, staff_id, seat, since)"
                + " values ($1, $2, $3, $4) on conflict (session_id, staff_id) do update set seat = excluded.seat,"
                + " since = excluded.since")
                .execute(Tuple.of(sessionId, staffId, seat, at(since))).replaceWithVoid();
    }

    /** Removes a colleague's seat; true if there was one of this kind. */
    public Uni<Boolean> unseat(SqlClient tx, UUID sessionId, UUID staffId, String seat) {
        return tx.preparedQuery("delete from session_colleague where session_id = $1 and staff_id = $2 and seat = $3")
                .execute(Tuple.of(sessionId, staffId, seat)).map(r -> r.rowCount() == 1);
    }

    /**
     * Moves the session to a new owner if it is still open and still owned by {@code from}; true if it moved. Bumps
     * the row's version, as Hibernate's optimistic lock expects.
     */
    public Uni<Boolean> transfer(SqlClient tx, UUID sessionId, UUID from, UUID to) {
        return tx.preparedQuery("update cobrowse_session set advisor_id = $3, version = version + 1"
                + " where id = $1 and advisor_id = $2 and status in ('CREATED', 'WAITING', 'ACTIVE')")
                .execute(Tuple.of(sessionId, from, to)).map(r -> r.rowCount() == 1);
    }

    /** Locks the session row for the rest of the transaction; its owner and status, or null if there is none. */
    public Uni<Row> lockSession(SqlClient tx, UUID sessionId) {
        return tx.preparedQuery("select advisor_id, status, customer_id from cobrowse_session where id = $1"
                // not FOR UPDATE: the audit rows written meanwhile reference the session (a key-share lock)
                + " for no key update")
                .execute(Tuple.of(sessionId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next());
    }

    /** A staff member's row: display name, roles and team, or null. */
    public Uni<Row> staff(SqlClient client, UUID staffId) {
        return client.preparedQuery("select id, display_name, roles, team from advisor where id = $1")
                .execute(Tuple.of(staffId)).map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next());
    }

    /** Whether any advisor belongs to this team (case-insensitive). */
    public Uni<Boolean> teamExists(String team) {
        return db.preparedQuery("select 1 from advisor where lower(team) = lower($1)"
                + " and (',' || roles || ',') like '%,advisor,%'"
                + " limit 1").execute(Tuple.of(team)).map(rows -> rows.rowCount() > 0);
    }

    private static List<InvitationRow> rows(RowSet<Row> rows) {
        List<InvitationRow> list = new ArrayList<>();
        rows.forEach(r -> list.add(row(r)));
        return list;
    }

    private static InvitationRow row(Row r) {
        return new InvitationRow(r.getUUID("id"), r.getUUID("session_id"), r.getString("kind"),
                r.getUUID("invited_by"), r.getString("inviter_name"), r.getUUID("invitee_id"),
                r.getString("invitee_name"), r.getString("team"), r.getString("note"), r.getString("status"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("expires_at").toInstant(),
                r.getUUID("answered_by"), r.getString("answerer_name"), r.getString("customer_name"),
                r.getString("session_status"), r.getUUID("owner_id"));
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
