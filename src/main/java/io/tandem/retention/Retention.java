package io.tandem.retention;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.recording.Recorder;
import io.tandem.staff.StaffMember;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Deletes what is no longer to be kept: recordings past their retention, free text past its own, and (GDPR erasure,
 * by an admin) one customer's recordings and personal fields. Touchpoints and the audit log stay; each purge and
 * erasure is itself audited.
 */
@ApplicationScoped
public class Retention {

    /** What a purge or an erasure removed. */
    /**
     * What one purge removed: recording chunks, notes of sessions, customers' comments, and other free text (notes of
     * invitations and of closed follow-ups, reasons of rung changes).
     */
    public record Removed(int recordingChunks, int sessionsWithNotes, int comments, int otherNotes) {

        public int total() {
            return recordingChunks + sessionsWithNotes + comments + otherNotes;
        }

        public Removed plus(Removed more) {
            return new Removed(recordingChunks + more.recordingChunks, sessionsWithNotes + more.sessionsWithNotes,
                    comments + more.comments, otherNotes + more.otherNotes);
        }
    }

    /** What an erasure removed, for the admin's answer. */
    public record Erasure(UUID customerId, Instant at, int sessions, int recordingChunks) {}

    private static final String PURGE_RECORDINGS = """
            with due as (
                select id from cobrowse_session
                where status in ('ENDED', 'EXPIRED') and ended_at < $1
                  and exists (select 1 from recording_chunk r where r.session_id = cobrowse_session.id)
                limit $2
            )
            delete from recording_chunk r using due where r.session_id = due.id""";

    private final Pool db;
    private final AuditLog audit;
    private final RetentionConfig config;
    private final Clock clock;
    private final Recorder recorder;

    public Retention(Pool db, AuditLog audit, RetentionConfig config, Clock clock, Recorder recorder) {
        this.recorder = recorder;
        this.db = db;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** The purge as of `now`: recordings and free text past their retention, in batches, audited if it removed any. */
    public Uni<Removed> purge(Instant now) {
        Instant recordingsBefore = now.minus(config.recordings());
        Instant notesBefore = now.minus(config.notes());
        return db.withTransaction(tx -> tx.preparedQuery(PURGE_RECORDINGS)
                .execute(Tuple.of(recordingsBefore.atOffset(ZoneOffset.UTC), config.batch()))
                .chain(chunks -> tx.preparedQuery("update cobrowse_session set notes = null, purpose = null"
                        + " where status in ('ENDED', 'EXPIRED') and ended_at < $1"
                        + " and (notes is not null or purpose is not null)")
                        .execute(Tuple.of(notesBefore.atOffset(ZoneOffset.UTC)))
                        .chain(notes -> tx.preparedQuery("update touchpoint set feedback_comment = null"
                                + " where ended_at < $1 and feedback_comment is not null")
                                .execute(Tuple.of(notesBefore.atOffset(ZoneOffset.UTC)))
                                .chain(comments -> otherNotes(tx, notesBefore).map(other -> new Removed(
                                        chunks.rowCount(), notes.rowCount(), comments.rowCount(), other))))))
                .call(r -> r.total() == 0
                        ? Uni.createFrom().voidItem()
                        : audit.record(null, AuditAction.PURGE, null, null,
                                r.recordingChunks() + " recording chunks of sessions ended before " + recordingsBefore
                                        + "; notes of " + r.sessionsWithNotes() + " sessions, " + r.comments()
                                        + " comments and " + r.otherNotes() + " other notes from before "
                                        + notesBefore));
    }

    /**
     * Free text that staff wrote about customers beside sessions, past the notes' retention: invitation notes (by when
     * the invitation was made), closing notes of follow-ups (by when they closed) and reasons of rung changes.
     */
    private static Uni<Integer> otherNotes(SqlClient tx, Instant before) {
        Tuple at = Tuple.of(before.atOffset(ZoneOffset.UTC));
        return tx.preparedQuery("update session_invitation set note = null where created_at < $1 and note is not null")
                .execute(at)
                .chain(invitations -> tx.preparedQuery("update follow_up set note = null where closed_at < $1"
                        + " and note is not null").execute(at)
                        .chain(followUps -> tx.preparedQuery("update ladder_change set reason = null"
                                + " where changed_at < $1 and reason is not null").execute(at)
                                .map(reasons -> invitations.rowCount() + followUps.rowCount() + reasons
                                        .rowCount())));
    }

    /**
     * Erases one customer's personal data: their recordings, name (replaced by "Erased customer"), contact and CRM
     * fields, session purposes and notes, and feedback comments; scores, outcomes and times stay for the statistics.
     * Refused (409) while one of their sessions is still open. This node's recorder forgets the sessions first, so a
     * final chunk still buffered is not written after the erasure.
     */
    public Uni<Erasure> erase(StaffMember admin, UUID customerId) {
        Instant now = clock.instant();
        String[] erasedName = new String[1]; // the audit entry keeps it: the record of whose data was erased
        return db.withTransaction(tx -> tx.preparedQuery("select id, name from customer where id = $1 for update")
                .execute(Tuple.of(customerId)).chain(found -> {
                    if (found.rowCount() == 0) {
                        throw new ProblemException(ProblemType.UNKNOWN_CUSTOMER, "No customer " + customerId);
                    }
                    erasedName[0] = found.iterator().next().getString("name");
                    return tx.preparedQuery("select count(*) from cobrowse_session where customer_id = $1"
                            + " and status in ('CREATED', 'WAITING', 'ACTIVE')").execute(Tuple.of(customerId));
                }).chain(open -> {
                    if (open.iterator().next().getLong(0) > 0) {
                        throw new ProblemException(ProblemType.SESSION_STATE_CONFLICT,
                                "The customer has a session that is still open: end it first");
                    }
                    return tx.preparedQuery("select id from cobrowse_session where customer_id = $1")
                            .execute(Tuple.of(customerId))
                            .invoke(ids -> ids.forEach(r -> recorder.discard(r.getUUID("id"))))
                            .chain(() -> tx.preparedQuery("delete from recording_chunk r using cobrowse_session s"
                                    + " where r.session_id = s.id and s.customer_id = $1")
                                    .execute(Tuple.of(customerId)));
                }).chain(chunks -> tx.preparedQuery("update cobrowse_session set purpose = null, notes = null"
                        + " where customer_id = $1").execute(Tuple.of(customerId))
                        .chain(sessions -> tx.preparedQuery("update touchpoint set feedback_comment = null"
                                + " where customer_id = $1").execute(Tuple.of(customerId))
                                // a colleague's invitation note may say what the customer needed
                                .chain(() -> tx.preparedQuery("update session_invitation i set note = null"
                                        + " from cobrowse_session s where s.id = i.session_id and s.customer_id = $1")
                                        .execute(Tuple.of(customerId)))
                                // what was done to close the loop, and why staff moved them on the ladder
                                .chain(() -> tx.preparedQuery("update follow_up set note = null"
                                        + " where customer_id = $1").execute(Tuple.of(customerId)))
                                .chain(() -> tx.preparedQuery("update ladder_change set reason = null"
                                        + " where customer_id = $1").execute(Tuple.of(customerId)))
                                .chain(() -> tx.preparedQuery("update customer set name = 'Erased customer',"
                                        + " email = null, phone = null, external_crm_id = null, segment = null,"
                                        + " erased_at = $2 where id = $1")
                                        .execute(Tuple.of(customerId, now.atOffset(ZoneOffset.UTC))))
                                .map(x -> new Erasure(customerId, now, sessions.rowCount(), chunks.rowCount())))))
                .call(e -> audit.record(admin, AuditAction.ERASURE, null, customerId, erasedName[0],
                        e.sessions() + " sessions, " + e.recordingChunks() + " recording chunks"));
    }
}
