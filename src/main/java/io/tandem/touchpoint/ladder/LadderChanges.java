package io.tandem.touchpoint.ladder;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The ladder's history, and what its rules count of a customer's touchpoints. */
@jakarta.enterprise.context.ApplicationScoped
public class LadderChanges implements PanacheRepositoryBase<LadderChange, UUID> {

    /** Most moves one timeline read returns. */
    static final int MAX_HISTORY = 200;

    /** A customer's moves, newest first, each with the name of the member of staff who made it (or null). */
    public Uni<List<LadderChangeView>> of(UUID customerId) {
        return getSession().chain(db -> db.createSelectionQuery("select l, a.displayName from LadderChange l"
                + " left join Advisor a on a.id = l.changedBy where l.customerId = :customer"
                + " order by l.changedAt desc, l.id", Object[].class)
                .setParameter("customer", customerId).setMaxResults(MAX_HISTORY).getResultList())
                .map(rows -> rows.stream().map(r -> LadderChangeView.of((LadderChange) r[0], (String) r[1]))
                        .toList());
    }

    /** When each completed touchpoint of the customer completed. */
    public Uni<List<Instant>> completions(UUID customerId) {
        return getSession().chain(db -> db.createSelectionQuery("select t.completedAt from Touchpoint t"
                + " where t.customerId = :customer and t.completedAt is not null", Instant.class)
                .setParameter("customer", customerId).getResultList());
    }

    /** When each of the customer's ratings of 9 or 10 was given. */
    public Uni<List<Instant>> promoterRatings(UUID customerId) {
        return getSession().chain(db -> db.createSelectionQuery("select t.feedbackAt from Touchpoint t"
                + " where t.customerId = :customer and t.feedbackScore >= 9 and t.feedbackAt is not null",
                Instant.class).setParameter("customer", customerId).getResultList());
    }
}
