package io.tandem.security;

import java.time.Instant;
import java.util.UUID;

/** What a verified customer credential grants: the customer role in one session until it expires. */
public record CustomerCredential(UUID sessionId, UUID customerId, Instant expiresAt) {}
