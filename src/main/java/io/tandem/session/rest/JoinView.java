package io.tandem.session.rest;

import java.time.Instant;
import java.util.UUID;

/** What the consent step shows, and the ticket that answers it. */
public record JoinView(String ticket, Instant consentExpiresAt, UUID sessionId, String advisorName, String purpose) {}
