package io.tandem.touchpoint.ladder;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import io.tandem.touchpoint.Rung;
import io.tandem.webhook.EventType;
import io.tandem.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Tells the firm's CRM of a move on the ladder (outbound webhooks), in the transaction that made it. */
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

    private final Outbox outbox;

    public LadderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A {@code ladder.changed} webhook event, written to the outbox in the transaction of the move. */
    public Uni<Void> changed(Customer customer, LadderChange change) {
        return outbox.append(EventType.LADDER_CHANGED, payload(customer, change));
    }
}
