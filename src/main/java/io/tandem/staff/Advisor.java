package io.tandem.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A staff member known from Keycloak (advisor, supervisor or admin), recorded on their first authenticated call. */
@Entity
@Table(name = "advisor")
public class Advisor {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String subject;

    public String username;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    @Column(nullable = false)
    public String roles;

    /** The team from the token's {@code team} claim ("Claims"), or null. */
    public String team;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
