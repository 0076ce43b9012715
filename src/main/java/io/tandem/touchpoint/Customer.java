package io.tandem.touchpoint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer of the firm; no account, only the relationship record that touchpoints hang from. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String email;

    public String phone;

    @Column(name = "external_crm_id")
    public String externalCrmId;

    /** The CRM's own label for the customer ("key account", "retail"); not the loyalty ladder's rung. */
    public String segment;

    @Column(name = "assigned_advisor_id")
    public UUID assignedAdvisorId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Where the customer stands on the loyalty ladder, and since when. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Rung rung = Rung.PROSPECT;

    @Column(name = "rung_since", nullable = false)
    public Instant rungSince;
}
