package io.tandem.audit;

import java.time.Instant;
import java.util.UUID;

/** One audit row: when, what, who (null for the system), about which session or customer, and details. */
public record AuditEntry(UUID id, Instant at, AuditAction action, UUID actorId, String actorName, UUID sessionId,
        UUID customerId, String detail) {}
