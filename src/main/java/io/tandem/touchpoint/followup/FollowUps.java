package io.tandem.touchpoint.followup;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.Touchpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Follow-up rows, and the list staff work from with what they need beside each task. */
@ApplicationScoped
public class FollowUps implements PanacheRepositoryBase<FollowUp, UUID> {

    /** Which tasks a list shows. */
    public enum State {
        OPEN,
        CLOSED,
        ALL
    }

    private static final String SELECT = "select f, c, t, a.displayName, b.displayName, case when exists (select"
            + " r.seq from RecordedChunk r where r.sessionId = f.sessionId and r.replayable = true) then true else"
            + " false end from FollowUp f"
            + " join Customer c on c.id = f.customerId join Touchpoint t on t.sessionId = f.sessionId"
            + " join Advisor a on a.id = f.assigneeId left join Advisor b on b.id = f.closedBy";

    public Uni<Boolean> exists(UUID sessionId, FollowUp.Reason reason) {
        return count("sessionId = ?1 and reason = ?2", sessionId, reason).map(n -> n > 0);
    }

    public Uni<FollowUp> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Tasks newest due first when open (oldest due on top), newest closed first otherwise; one assignee's or
     * everyone's (assignee null), or one customer's (customer not null).
     */
    public Uni<List<FollowUpView>> list(State state, UUID assignee, UUID customer, Instant now, int limit) {
        String where = switch (state) {
            case OPEN -> "f.closedAt is null";
            case CLOSED -> "f.closedAt is not null";
            case ALL -> "1 = 1";
        };
        if (assignee != null) {
            where += " and f.assigneeId = :assignee";
        }
        if (customer != null) {
            where += " and f.customerId = :customer";
        }
        String order = state == State.OPEN ? "f.dueAt, f.id" : "coalesce(f.closedAt, f.openedAt) desc, f.id";
        String query = SELECT + " where " + where + " order by " + order;
        return getSession().chain(db -> {
            var select = db.createSelectionQuery(query, Object[].class).setMaxResults(limit);
            if (assignee != null) {
                select.setParameter("assignee", assignee);
            }
            if (customer != null) {
                select.setParameter("customer", customer);
            }
            return select.getResultList();
        }).map(rows -> rows.stream().map(r -> view((FollowUp) r[0], (Customer) r[1], (Touchpoint) r[2],
                (String) r[3], (String) r[4], Boolean.TRUE.equals(r[5]), now)).toList());
    }

    /** One task with what the list shows beside it. */
    public Uni<FollowUpView> view(UUID id, Instant now) {
        return getSession().chain(db -> db.createSelectionQuery(SELECT + " where f.id = :id", Object[].class)
                .setParameter("id", id).setMaxResults(1).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0))
                .map(r -> r == null
                        ? null
                        : view((FollowUp) r[0], (Customer) r[1], (Touchpoint) r[2],
                                (String) r[3], (String) r[4], Boolean.TRUE.equals(r[5]), now));
    }

    /** A detractor's task shows the rating as it stands (changeable for a while after the session), not the first. */
    private static Integer score(FollowUp f, Touchpoint t) {
        if (f.reason != FollowUp.Reason.DETRACTOR) {
            return null;
        }
        Short score = t.feedbackScore != null ? t.feedbackScore : f.score;
        return score == null ? null : (int) score;
    }

    static FollowUpView view(FollowUp f, Customer c, Touchpoint t, String assignee, String closedBy,
            boolean recorded, Instant now) {
        Outcome outcome = t.outcome;
        Rung rung = c.rung;
        return new FollowUpView(f.id, f.reason.name().toLowerCase(), c.id, c.name, rung, f.sessionId, t.occurredAt,
                outcome, score(f, t), t.feedbackComment, f.assigneeId, assignee,
                f.openedAt, f.dueAt, f.closedAt == null && f.dueAt.isBefore(now), f.closedAt, closedBy, f.note,
                recorded);
    }
}
