package io.tandem.touchpoint.service;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.SessionFacts;
import io.tandem.touchpoint.Touchpoint;
import io.tandem.touchpoint.followup.FollowUpService;
import io.tandem.touchpoint.ladder.Ladder;
import io.tandem.touchpoint.repository.CustomerRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a completed touchpoint or a rating changes in the relationship: the customer's rung on the loyalty ladder and
 * the follow-up tasks. Runs in the caller's transaction (never on the relay path), with the customer's row locked.
 */
@ApplicationScoped
public class Relationship {

    private final CustomerRepository customers;
    private final Ladder ladder;
    private final FollowUpService followUps;

    public Relationship(CustomerRepository customers, Ladder ladder, FollowUpService followUps) {
        this.customers = customers;
        this.ladder = ladder;
        this.followUps = followUps;
    }

    /** A touchpoint has just completed (exactly once). */
    public Uni<Void> touchpointCompleted(SessionFacts session) {
        return customers.lock(session.customerId())
                .call(c -> ladder.touchpointCompleted(c, session))
                .call(c -> followUps.sessionCompleted(c, session))
                .replaceWithVoid();
    }

    /**
     * A rating was given or changed. The ladder hears of it when it is the first or falls into another NPS category
     * than before (a detractor who gives 3 instead of 4 does not slip twice); a detractor's opens a follow-up once.
     */
    public Uni<Void> rated(Touchpoint touchpoint, Short previousScore) {
        boolean news = previousScore == null
                || Nps.Category.of(previousScore) != Nps.Category.of(touchpoint.feedbackScore);
        if (!news) {
            return Uni.createFrom().voidItem();
        }
        return customers.lock(touchpoint.customerId)
                .call(c -> ladder.rated(c, touchpoint))
                .call(c -> followUps.rated(c, touchpoint))
                .replaceWithVoid();
    }
}
