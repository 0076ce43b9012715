package io.tandem.touchpoint.followup;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.tandem.webhook.EventType;
import io.tandem.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Tells the firm's CRM of a follow-up opened or closed (outbound webhooks), in the transaction that did it. */
@ApplicationScoped
public class FollowUpEvents {

    /** The payload of {@code followup.opened} and {@code followup.closed}: the task as it stands. */
    public record FollowUpChanged(UUID id, UUID customerId, String externalCrmId, UUID sessionId, String reason,
            Integer score, UUID assigneeId, Instant openedAt, Instant dueAt, Instant closedAt, UUID closedBy,
            String note) {}

    static FollowUpChanged payload(String externalCrmId, FollowUp f) {
        return new FollowUpChanged(f.id, f.customerId, externalCrmId, f.sessionId,
                f.reason.name().toLowerCase(Locale.ROOT), f.score == null ? null : (int) f.score, f.assigneeId,
                f.openedAt, f.dueAt, f.closedAt, f.closedBy, f.note);
    }

    private final Outbox outbox;

    public FollowUpEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A {@code followup.opened} webhook event, written to the outbox in the transaction that opened the task. */
    public Uni<Void> opened(Customer customer, FollowUp followUp) {
        return outbox.append(EventType.FOLLOWUP_OPENED, payload(customer.externalCrmId, followUp));
    }

    /** A {@code followup.closed} webhook event, with the note, in the transaction that closed the task. */
    public Uni<Void> closed(FollowUp followUp) {
        return Panache.getSession().chain(db -> db.find(Customer.class, followUp.customerId))
                .chain(c -> outbox.append(EventType.FOLLOWUP_CLOSED,
                        payload(c == null ? null : c.externalCrmId, followUp)));
    }
}
