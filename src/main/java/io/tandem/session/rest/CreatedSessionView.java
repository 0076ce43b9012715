package io.tandem.session.rest;

import io.tandem.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/** The answer to creating a session: what the advisor shares with the customer. Shown once, never stored. */
public record CreatedSessionView(UUID id, SessionStatus status, String joinUrl, String code, Instant expiresAt) {}
