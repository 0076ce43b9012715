package io.tandem.session.help;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/** Help requests; lookups before a state change take a row lock. */
@ApplicationScoped
public class HelpRequestRepository implements PanacheRepositoryBase<HelpRequest, UUID> {

    public Uni<HelpRequest> findWaitingByCodeForUpdate(String code) {
        return find("code = ?1 and status = ?2", code, HelpRequest.Status.WAITING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<HelpRequest> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Frees the codes of requests nobody claimed in time. */
    public Uni<Integer> expireDue(java.time.Instant now) {
        return update("status = ?1 where status = ?2 and expiresAt <= ?3", HelpRequest.Status.EXPIRED,
                HelpRequest.Status.WAITING, now);
    }

    /** Requests waiting for this account manager alone (their window not over), oldest first, with the customer. */
    public Uni<java.util.List<WaitingHelp>> waitingFor(UUID advisorId, java.time.Instant now) {
        return getSession().chain(db -> db.createSelectionQuery("select h, c.name from HelpRequest h, Customer c"
                + " where c.id = h.customerId and h.routedTo = :me and h.status = :waiting and h.routedUntil > :now"
                + " and h.expiresAt > :now order by h.createdAt", Object[].class)
                .setParameter("me", advisorId).setParameter("waiting", HelpRequest.Status.WAITING)
                .setParameter("now", now).getResultList())
                .map(rows -> rows.stream().map(r -> {
                    HelpRequest h = (HelpRequest) r[0];
                    return new WaitingHelp(h.id, h.code, h.customerId, (String) r[1], h.createdAt, h.routedUntil);
                }).toList());
    }

    public Uni<Boolean> codeWaiting(String code) {
        return count("code = ?1 and status = ?2", code, HelpRequest.Status.WAITING).map(n -> n > 0);
    }
}
