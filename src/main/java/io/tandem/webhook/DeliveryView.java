package io.tandem.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint: {@code pending} (waiting for its next attempt at nextAttemptAt), {@code
 * delivered} or {@code dead} (a dead letter, after the retry window), with its last attempt's status code or error.
 */
public record DeliveryView(UUID id, UUID eventId, String eventType, String status, int attempts, Instant createdAt,
        Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError, Instant finishedAt) {}
