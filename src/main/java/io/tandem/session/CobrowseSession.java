package io.tandem.session;

import io.tandem.touchpoint.Outcome;
import io.tandem.touchpoint.SessionFacts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One co-browsing session between an advisor and a customer, from invitation to its end. */
@Entity
@Table(name = "cobrowse_session")
public class CobrowseSession {

    @Id
    public UUID id;

    @Column(name = "advisor_id", nullable = false)
    public UUID advisorId;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    public String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    public String notes;

    /** SHA-256 of the join link token; the token itself is never stored. */
    @Column(name = "join_token_hash", nullable = false)
    public byte[] joinTokenHash;

    @Column(name = "join_code", nullable = false, columnDefinition = "bpchar")
    public String joinCode;

    @Column(name = "join_expires_at", nullable = false)
    public Instant joinExpiresAt;

    @Column(name = "join_redeemed_at")
    public Instant joinRedeemedAt;

    /** SHA-256 of the consent ticket handed out on redemption. */
    @Column(name = "consent_ticket_hash")
    public byte[] consentTicketHash;

    @Column(name = "consent_expires_at")
    public Instant consentExpiresAt;

    @Column(name = "consent_declined_at")
    public Instant consentDeclinedAt;

    @Version
    public int version;

    /** What the touchpoint rules need of this session. */
    public SessionFacts facts() {
        return new SessionFacts(id, customerId, advisorId, createdAt, startedAt, endedAt, outcome);
    }
}
