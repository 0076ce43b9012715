package io.tandem.touchpoint.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.TouchpointEvents;
import io.tandem.touchpoint.Touchpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.tandem.touchpoint.SessionActivity;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Touchpoints. Both writes are single idempotent statements keyed by the session id (unique), so a retry, a race
 * between ending and expiry, or an end after an earlier completion can never produce a second row or rewrite a
 * completed one.
 */
@ApplicationScoped
public class TouchpointRepository implements PanacheRepositoryBase<Touchpoint, UUID> {

    private static final String COLUMNS = "(id, session_id, customer_id, advisor_id, channel, occurred_at, started_at,"
            + " ended_at, duration_seconds, outcome, created_at, completed_at)";

    /** Writes the touchpoint of a session that has just started, unless it already exists. */
    public Uni<Integer> open(SessionFacts s, Instant now) {
        return getSession().chain(db -> bind(db.createNativeQuery("insert into touchpoint " + COLUMNS
                + " values (:id, :session, :customer, :advisor, 'COBROWSE', :occurred, :started, null, null, null,"
                + " :now, null) on conflict (session_id) do nothing"), s, now).executeUpdate());
    }

    /**
     * Completes the touchpoint of a finished session, creating it if the session never started.
     *
     * @return 1 if this call completed it, 0 if it was already complete
     */
    public Uni<Integer> complete(SessionFacts s, Instant now) {
        long seconds = s.startedAt() == null ? 0 : Duration.between(s.startedAt(), s.endedAt()).toSeconds();
        return getSession().chain(db -> bind(db.createNativeQuery("insert into touchpoint "
                + COLUMNS.replace(")", ", change_xid, change_seq)")
                + " values (:id, :session, :customer, :advisor, 'COBROWSE', :occurred, :started, :ended, :duration,"
                + " :outcome, :now, :now, " + CHANGE + ") on conflict (session_id) do update set"
                + " ended_at = excluded.ended_at, change_xid = excluded.change_xid, change_seq = excluded.change_seq,"
                // the owner at the end (after a transfer, not the one who opened it): the NPS is theirs
                + " advisor_id = excluded.advisor_id,"
                + " duration_seconds = excluded.duration_seconds, outcome = excluded.outcome,"
                + " completed_at = excluded.completed_at where touchpoint.completed_at is null"), s, now)
                .setParameter("ended", s.endedAt())
                .setParameter("duration", (int) seconds)
                .setParameter("outcome", s.outcome() == null ? null : s.outcome().name())
                .executeUpdate());
    }

    /**
     * Stamps a change for the pull cursor (GET /api/touchpoints): the writing transaction's id and the next number of
     * touchpoint_change_seq (docs/protocol.md, "Pulling touchpoints").
     */
    private static final String CHANGE = "pg_current_xact_id(), nextval('touchpoint_change_seq')";

    /** Marks a completed touchpoint changed (its feedback), so the pull cursor hands it out again. */
    public Uni<Integer> markChanged(UUID touchpointId) {
        return getSession().chain(db -> db.createNativeQuery("update touchpoint set (change_xid, change_seq) = ("
                + CHANGE + ") where id = :id and completed_at is not null").setParameter("id", touchpointId)
                .executeUpdate());
    }

    /** What the touchpoint webhooks carry about a session's touchpoint, read from the database (after this change). */
    public Uni<TouchpointEvents.Facts> eventFacts(UUID sessionId) {
        return eventFacts(List.of(sessionId)).map(all -> all.get(0));
    }

    /** The same for several sessions' touchpoints, in one query. */
    public Uni<List<TouchpointEvents.Facts>> eventFacts(List<UUID> sessionIds) {
        return getSession().chain(db -> db.createSelectionQuery("select t.id, t.sessionId, t.customerId,"
                + " c.externalCrmId, t.advisorId, a.displayName, t.channel, t.outcome, t.occurredAt, t.startedAt,"
                + " t.endedAt, t.durationSeconds, t.completedAt from Touchpoint t, Customer c, Advisor a"
                + " where c.id = t.customerId and a.id = t.advisorId and t.sessionId in (:sessions)"
                + " order by t.completedAt, t.id", Object[].class)
                .setParameter("sessions", sessionIds).getResultList())
                .map(rows -> rows.stream().map(r -> new TouchpointEvents.Facts((UUID) r[0], (UUID) r[1],
                        (UUID) r[2], (String) r[3], (UUID) r[4], (String) r[5], (String) r[6], (Outcome) r[7],
                        (Instant) r[8], (Instant) r[9], (Instant) r[10], (Integer) r[11], (Instant) r[12]))
                        .toList());
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, SessionFacts s, Instant now) {
        return query.setParameter("id", UUID.randomUUID())
                .setParameter("session", s.id())
                .setParameter("customer", s.customerId())
                .setParameter("advisor", s.advisorId())
                .setParameter("occurred", s.startedAt() != null ? s.startedAt() : s.createdAt())
                .setParameter("started", s.startedAt())
                .setParameter("now", now);
    }

    /**
     * A customer's touchpoints, newest first, each with its advisor's name, the session's purpose and whether its
     * recording has something to replay.
     */
    public Uni<List<TimelineEntry>> timeline(UUID customerId, int page, int size) {
        return getSession().chain(db -> db.createSelectionQuery("select t, a.displayName, s.purpose, case when exists"
                + " (select r.seq from RecordedChunk r where r.sessionId = t.sessionId and r.replayable = true)"
                + " then true else false end from Touchpoint t, Advisor a, CobrowseSession s where a.id = t.advisorId and s.id = t.sessionId"
                + " and t.customerId = :customer order by t.occurredAt desc, t.id", Object[].class)
                .setParameter("customer", customerId)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new TimelineEntry((Touchpoint) r[0], (String) r[1], (String) r[2],
                                Boolean.TRUE.equals(r[3])))
                        .toList());
    }

    /** Adds counters to a session's touchpoint (none yet: nothing to count, the session has not started). */
    public Uni<Integer> addVideoSeconds(UUID sessionId, long seconds) {
        return update("videoSeconds = videoSeconds + ?1 where sessionId = ?2", (int) seconds, sessionId);
    }

    /** Claims a counter batch's id in the current transaction: false when it was claimed before (already written). */
    public Uni<Boolean> claimBatch(UUID batchId) {
        return getSession().chain(db -> db
                .createNativeQuery("insert into counter_batch (id) values (:id) on conflict do nothing")
                .setParameter("id", batchId).executeUpdate()).map(n -> n == 1);
    }

    public Uni<Integer> addActivity(SessionActivity a) {
        return update("pagesVisited = pagesVisited + ?1, activeSeconds = activeSeconds + ?2,"
                + " annotations = annotations + ?3, controlRequests = controlRequests + ?4,"
                + " controlGrants = controlGrants + ?5, controlActions = controlActions + ?6 where sessionId = ?7",
                a.pagesVisited(), (int) a.activeSeconds(), a.annotations(), a.controlRequests(), a.controlGrants(),
                a.controlActions(), a.sessionId());
    }

    /** Adds each advisor's seconds in the session (their row made on first sight). */
    public Uni<Void> addAdvisorSeconds(UUID sessionId, java.util.Map<UUID, Long> seconds) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (var e : seconds.entrySet()) {
            chain = chain.chain(() -> getSession().chain(db -> db.createNativeQuery("insert into touchpoint_advisor"
                    + " (session_id, staff_id, seconds) select :session, :staff, :seconds where exists (select 1"
                    + " from advisor where id = :staff) on conflict (session_id, staff_id) do update"
                    + " set seconds = touchpoint_advisor.seconds + excluded.seconds")
                    .setParameter("session", sessionId).setParameter("staff", e.getKey())
                    .setParameter("seconds", e.getValue().intValue()).executeUpdate()));
        }
        return chain.replaceWithVoid();
    }

    /** Every advisor's time in these sessions, most first: session id → [staff id, name, seconds]. */
    public Uni<List<Object[]>> advisorSeconds(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(db -> db.createNativeQuery("select ta.session_id, ta.staff_id, a.display_name,"
                + " ta.seconds from touchpoint_advisor ta join advisor a on a.id = ta.staff_id"
                + " where ta.session_id in (:ids) order by ta.seconds desc, a.display_name", Object[].class)
                .setParameter("ids", sessionIds).getResultList());
    }

    public Uni<Touchpoint> bySession(UUID sessionId) {
        return find("sessionId", sessionId).firstResult();
    }

    /** Every answered touchpoint in [from, to): its advisor's id and name, and the score. */
    public Uni<List<Object[]>> scores(Instant from, Instant to) {
        return getSession().chain(db -> db.createSelectionQuery("select t.advisorId, a.displayName, t.feedbackScore"
                + " from Touchpoint t, Advisor a where a.id = t.advisorId and t.feedbackScore is not null"
                + " and t.occurredAt >= :from and t.occurredAt < :to", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
    }

    /** Every answered touchpoint in [from, to), once per advisor who took part: id, name, score. */
    public Uni<List<Object[]>> participantScores(Instant from, Instant to) {
        return getSession().chain(db -> db.createNativeQuery("select ta.staff_id, a.display_name, t.feedback_score"
                + " from touchpoint t join touchpoint_advisor ta on ta.session_id = t.session_id"
                + " join advisor a on a.id = ta.staff_id where t.feedback_score is not null"
                + " and t.occurred_at >= :from and t.occurred_at < :to", Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
    }

    public Uni<Long> countFor(UUID customerId) {
        return count("customerId", customerId);
    }

    /** A touchpoint with what the timeline shows beside it. */
    public record TimelineEntry(Touchpoint touchpoint, String advisorName, String purpose, boolean recorded) {}
}
