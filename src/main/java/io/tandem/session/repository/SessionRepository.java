package io.tandem.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tandem.session.CobrowseSession;
import io.tandem.session.SessionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Session rows. Lookups that precede a state change take a row lock, so concurrent ends and expiry serialise. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<CobrowseSession, UUID> {

    public Uni<CobrowseSession> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<CobrowseSession> findByTokenHashForUpdate(byte[] hash) {
        return find("joinTokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The newest session that was given this code: the one a customer typing it can mean. */
    public Uni<CobrowseSession> findLatestByCodeForUpdate(String code) {
        return find("joinCode = ?1 order by createdAt desc", code).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<CobrowseSession> findByConsentTicketForUpdate(byte[] hash) {
        return find("consentTicketHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Boolean> codeOpen(String code) {
        return count("joinCode = ?1 and status = ?2", code, SessionStatus.CREATED).map(n -> n > 0);
    }

    /**
     * Expires every due session in one statement: CREATED past its join expiry, WAITING past its consent window, ACTIVE
     * past the maximum duration. Each expired session's touchpoint is written or completed in the same statement, so a
     * session never expires without it; SKIP LOCKED lets several nodes sweep at once without double work.
     *
     * @return ids of the sessions expired now
     */
    public Uni<List<UUID>> expireDue(Instant now, Instant activeStartedBefore, int batch) {
        return getSession().chain(s -> s.createNativeQuery(EXPIRE_DUE, UUID.class)
                .setParameter("now", now)
                .setParameter("activeCutoff", activeStartedBefore)
                .setParameter("batch", batch)
                .getResultList());
    }

    private static final String EXPIRE_DUE = """
            with due as (
                select id from cobrowse_session
                where (status = 'CREATED' and join_expires_at <= :now)
                   or (status = 'WAITING' and coalesce(consent_expires_at, join_expires_at) <= :now)
                   or (status = 'ACTIVE' and started_at <= :activeCutoff)
                order by created_at
                limit :batch
                for update skip locked
            ), expired as (
                update cobrowse_session s
                set status = 'EXPIRED', ended_at = :now, consent_ticket_hash = null, version = s.version + 1,
                    outcome = case when s.started_at is null then 'NO_SHOW' else s.outcome end
                from due where s.id = due.id
                returning s.id, s.customer_id, s.advisor_id, s.created_at, s.started_at, s.ended_at, s.outcome
            )
            insert into touchpoint (id, session_id, customer_id, advisor_id, channel, occurred_at, started_at, ended_at,
                                    duration_seconds, outcome, created_at, completed_at)
            select gen_random_uuid(), e.id, e.customer_id, e.advisor_id, 'COBROWSE', coalesce(e.started_at, e.created_at),
                   e.started_at, e.ended_at,
                   coalesce(extract(epoch from (e.ended_at - e.started_at))::integer, 0), e.outcome, :now, :now
            from expired e
            on conflict (session_id) do update
                set ended_at = excluded.ended_at, duration_seconds = excluded.duration_seconds,
                    outcome = excluded.outcome, completed_at = excluded.completed_at,
                    -- the pull cursor's stamp (this transaction's id, the next change number: column defaults)
                    change_xid = excluded.change_xid, change_seq = excluded.change_seq
                where touchpoint.completed_at is null
            returning session_id""";
}
