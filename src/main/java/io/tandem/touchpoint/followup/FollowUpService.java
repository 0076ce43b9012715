package io.tandem.touchpoint.followup;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.config.TandemConfig;
import io.tandem.staff.StaffMember;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.Touchpoint;
import io.tandem.touchpoint.followup.FollowUp.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closing the loop: a detractor's rating, or a session ending "follow-up needed" or "escalated", opens a task for the
 * customer's account manager (else the advisor who owned the session at its end), due {@code
 * tandem.follow-ups.due-after} later; the assignee or a supervisor closes it with a note. Opening runs in the
 * caller's transaction, once per session and reason.
 */
@ApplicationScoped
public class FollowUpService {

    private final FollowUps followUps;
    private final FollowUpEvents events;
    private final TandemConfig config;
    private final Clock clock;

    public FollowUpService(FollowUps followUps, FollowUpEvents events, TandemConfig config, Clock clock) {
        this.followUps = followUps;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** After a session completed: a task if its outcome asks for one. */
    public Uni<FollowUp> sessionCompleted(Customer customer, SessionFacts session) {
        Reason reason = session.outcome() == Outcome.FOLLOW_UP
                ? Reason.FOLLOW_UP
                : session.outcome() == Outcome.ESCALATED ? Reason.ESCALATED : null;
        return reason == null
                ? Uni.createFrom().nullItem()
                : open(customer, session.id(), session.advisorId(), reason, null);
    }

    /** After a rating: a task if it is a detractor's (0–6), unless the session has one already. */
    public Uni<FollowUp> rated(Customer customer, Touchpoint touchpoint) {
        if (Nps.Category.of(touchpoint.feedbackScore) != Nps.Category.DETRACTOR) {
            return Uni.createFrom().nullItem();
        }
        return open(customer, touchpoint.sessionId, touchpoint.advisorId, Reason.DETRACTOR, touchpoint.feedbackScore);
    }

    private Uni<FollowUp> open(Customer customer, UUID sessionId, UUID advisorId, Reason reason, Short score) {
        return followUps.exists(sessionId, reason).chain(exists -> {
            if (exists) {
                return Uni.createFrom().<FollowUp>nullItem();
            }
            Instant now = clock.instant();
            FollowUp f = new FollowUp();
            f.id = UUID.randomUUID();
            f.customerId = customer.id;
            f.sessionId = sessionId;
            f.reason = reason;
            f.score = score;
            f.assigneeId = customer.assignedAdvisorId != null ? customer.assignedAdvisorId : advisorId;
            f.openedAt = now;
            f.dueAt = now.plus(config.followUps().dueAfter());
            return followUps.persist(f).call(saved -> events.opened(customer, saved));
        });
    }

    /**
     * The tasks a member of staff works from: their own; a supervisor may ask for everyone's, or all of one customer's.
     */
    @WithSession
    public Uni<List<FollowUpView>> list(StaffMember me, FollowUps.State state, boolean everyone, UUID customer) {
        UUID assignee = me.isSupervisor() && (everyone || customer != null) ? null : me.id();
        return followUps.list(state, assignee, customer, clock.instant(), config.followUps().maxListed());
    }

    /** Closes a task with a note: its assignee or a supervisor; 409 once closed. */
    @WithTransaction
    public Uni<FollowUpView> close(StaffMember me, UUID id, String note) {
        return followUps.findForUpdate(id).chain(f -> {
            if (f == null) {
                throw ProblemException.notFound(ProblemType.UNKNOWN_FOLLOW_UP, id);
            }
            if (!me.isSupervisor() && !f.assigneeId.equals(me.id())) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "This follow-up is another advisor's: only they or a supervisor can close it.");
            }
            if (f.closedAt != null) {
                throw new ProblemException(ProblemType.FOLLOW_UP_CLOSED, "This follow-up was already closed.");
            }
            f.closedAt = clock.instant();
            f.closedBy = me.id();
            f.note = note.strip();
            return events.closed(f).chain(() -> followUps.flush()).chain(() -> followUps.view(id, clock.instant()));
        });
    }
}
