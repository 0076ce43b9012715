package io.tandem.touchpoint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One interaction between the firm and a customer: exactly one per co-browsing session. */
@Entity
@Table(name = "touchpoint")
public class Touchpoint {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false, unique = true)
    public UUID sessionId;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "advisor_id", nullable = false)
    public UUID advisorId;

    @Column(nullable = false)
    public String channel;

    /** When the interaction happened (its start, or its creation if it never started); the timeline's order. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "pages_visited", nullable = false)
    public int pagesVisited;

    @Column(nullable = false)
    public int annotations;

    @Column(name = "control_grants", nullable = false)
    public int controlGrants;

    @Column(name = "control_requests", nullable = false)
    public int controlRequests;

    @Column(name = "control_actions", nullable = false)
    public int controlActions;

    @Column(name = "video_seconds", nullable = false)
    public int videoSeconds;

    /** Seconds the customer and an advisor were both connected. */
    @Column(name = "active_seconds", nullable = false)
    public int activeSeconds;

    @Column(name = "feedback_score")
    public Short feedbackScore;

    @Column(name = "feedback_comment")
    public String feedbackComment;

    @Column(name = "feedback_at")
    public Instant feedbackAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
