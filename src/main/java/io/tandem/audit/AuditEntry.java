package io.tandem.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit row: when, what, who (null for the system), about which session or customer, and details; with the names
 * a supervisor reads: the customer's (as they are now, or as they were for an erasure) and the session's advisor and
 * start.
 */
public record AuditEntry(UUID id, Instant at, AuditAction action, UUID actorId, String actorName, UUID sessionId,
        UUID customerId, String detail, String customerName, String sessionAdvisorName, Instant sessionStartedAt) {}
