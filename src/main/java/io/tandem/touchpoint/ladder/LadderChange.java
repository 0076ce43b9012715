package io.tandem.touchpoint.ladder;

import io.tandem.touchpoint.Rung;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One move of a customer on the loyalty ladder: from, to, when, and by which rule or person and why. */
@Entity
@Table(name = "ladder_change")
public class LadderChange {

    /** RULE: a ladder rule moved them; STAFF: set by hand with a reason; START: placed when the ladder came in. */
    public enum Kind {
        RULE,
        STAFF,
        START
    }

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_rung", nullable = false)
    public Rung fromRung;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_rung", nullable = false)
    public Rung toRung;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "rule_name")
    public String ruleName;

    @Column(name = "changed_by")
    public UUID changedBy;

    public String reason;

    /** The session whose completion or rating set the rule off. */
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
