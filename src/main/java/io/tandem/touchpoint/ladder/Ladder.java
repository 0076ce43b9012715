package io.tandem.touchpoint.ladder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.Rung;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.Touchpoint;
import io.tandem.touchpoint.ladder.LadderChange.Kind;
import io.tandem.touchpoint.ladder.LadderRule.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Moves customers on the loyalty ladder: by the rules when a touchpoint completes or a rating arrives, by hand with a
 * reason. Runs in the caller's transaction with the customer's row locked, so two events of one customer are judged
 * one after the other and every move is kept with the rung it changes.
 */
@ApplicationScoped
public class Ladder {

    private final LadderChanges changes;
    private final LadderRuleStore rules;
    private final LadderEvents events;
    private final Clock clock;

    public Ladder(LadderChanges changes, LadderRuleStore rules, LadderEvents events, Clock clock) {
        this.changes = changes;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** Judges a touchpoint that has just completed; the move it brings about, or null. */
    public Uni<LadderChange> touchpointCompleted(Customer customer, SessionFacts session) {
        return judge(customer, Trigger.TOUCHPOINT, session.outcome(), null, session.id());
    }

    /** Judges a rating that has just been given (or changed to another NPS category); the move, or null. */
    public Uni<LadderChange> rated(Customer customer, Touchpoint touchpoint) {
        return judge(customer, Trigger.FEEDBACK, touchpoint.outcome, (int) touchpoint.feedbackScore,
                touchpoint.sessionId);
    }

    private Uni<LadderChange> judge(Customer customer, Trigger on, Outcome outcome, Integer score, UUID sessionId) {
        Instant now = clock.instant();
        return Panache.getSession().chain(db -> db.flush()) // this touchpoint and rating count too
                .chain(() -> rules.current())
                .chain(stored -> changes.completions(customer.id)
                        .chain(done -> changes.promoterRatings(customer.id)
                                .map(promoters -> new LadderEvent.History(done, promoters)))
                        .map(history -> stored.rules().apply(new LadderEvent(on, customer.rung, outcome, score, now,
                                history))))
                .chain(verdict -> verdict.isEmpty()
                        ? Uni.createFrom().<LadderChange>nullItem()
                        : move(customer, verdict.get().to(), Kind.RULE, verdict.get().rule().name(), null, null,
                                sessionId, now));
    }

    /** Sets the rung by hand; null when the customer already stands there (nothing to keep). */
    public Uni<LadderChange> setByHand(Customer customer, Rung to, UUID by, String reason) {
        if (customer.rung == to) {
            return Uni.createFrom().nullItem();
        }
        return move(customer, to, Kind.STAFF, null, by, reason, null, clock.instant());
    }

    private Uni<LadderChange> move(Customer customer, Rung to, Kind kind, String rule, UUID by, String reason,
            UUID sessionId, Instant now) {
        LadderChange change = new LadderChange();
        change.id = UUID.randomUUID();
        change.customerId = customer.id;
        change.fromRung = customer.rung;
        change.toRung = to;
        change.kind = kind;
        change.ruleName = rule;
        change.changedBy = by;
        change.reason = reason;
        change.sessionId = sessionId;
        change.changedAt = now;
        customer.rung = to;
        customer.rungSince = now;
        return changes.persist(change).call(saved -> events.changed(customer, saved));
    }
}
