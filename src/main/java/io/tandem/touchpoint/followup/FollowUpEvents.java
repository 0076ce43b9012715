package io.tandem.touchpoint.followup;

import io.smallrye.mutiny.Uni;
import io.tandem.touchpoint.Customer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Tells the world of a follow-up opened or closed, in the transaction that did it. */
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

    public Uni<Void> opened(Customer customer, FollowUp followUp) {
        return Uni.createFrom().voidItem();
    }

    public Uni<Void> closed(FollowUp followUp) {
        return Uni.createFrom().voidItem();
    }
}
