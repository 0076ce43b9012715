package io.tandem.touchpoint.ladder;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Rung;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Tells the world of a move on the ladder, in the transaction that made it. */
@ApplicationScoped
public class LadderEvents {

    /**
     * The payload of a {@code ladder.changed} event: the move, the customer (with their CRM id), the rule's name or
     * the member of staff, the reason, and the session that set a rule off.
     */
    public record LadderChanged(UUID id, UUID customerId, String externalCrmId, Rung from, Rung to, String direction,
            String kind, String rule, UUID changedBy, String reason, UUID sessionId, Instant at) {}

    static LadderChanged payload(Customer customer, LadderChange c) {
        return new LadderChanged(c.id, customer.id, customer.externalCrmId, c.fromRung, c.toRung,
                c.toRung.ordinal() > c.fromRung.ordinal() ? "up" : "down", c.kind.name().toLowerCase(Locale.ROOT),
                c.ruleName, c.changedBy, c.reason, c.sessionId, c.changedAt);
    }

    public Uni<Void> changed(Customer customer, LadderChange change) {
        return Uni.createFrom().voidItem();
    }
}
