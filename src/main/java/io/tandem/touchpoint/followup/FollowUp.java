package io.tandem.touchpoint.followup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up task that closes the loop with a customer: opened by a detractor's rating or a session ending
 * "follow-up needed" or "escalated", for the customer's account manager (else the session's advisor), due some days
 * later, closed with a note.
 */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    /** What opened it. */
    public enum Reason {
        DETRACTOR,
        FOLLOW_UP,
        ESCALATED
    }

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason;

    /** The detractor's score. */
    public Short score;

    @Column(name = "assignee_id", nullable = false)
    public UUID assigneeId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public UUID closedBy;

    public String note;
}
