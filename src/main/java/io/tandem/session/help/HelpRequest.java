package io.tandem.session.help;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A visitor's request for help from a site page, joined to a session once an advisor types its code. */
@Entity
@Table(name = "help_request")
public class HelpRequest {

    /** WAITING for an advisor → CLAIMED (a session exists) → DELIVERED (the visitor got the consent step). */
    public enum Status {
        WAITING,
        CLAIMED,
        DELIVERED,
        EXPIRED
    }

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar")
    public String code;

    @Column(name = "poll_token_hash", nullable = false)
    public byte[] pollTokenHash;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    /** The customer the site named (its CRM id, unchecked), when Tandem knows them. */
    @Column(name = "customer_id")
    public UUID customerId;

    /** Their account manager, who alone may take the code until {@link #routedUntil}. */
    @Column(name = "routed_to")
    public UUID routedTo;

    @Column(name = "routed_until")
    public Instant routedUntil;
}
