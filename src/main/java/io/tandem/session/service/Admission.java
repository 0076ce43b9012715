package io.tandem.session.service;

import io.tandem.session.repository.SessionRow;
import java.time.Instant;

/** A customer admitted to a session after consent, with their session-scoped credential. */
public record Admission(SessionRow row, String credential, Instant credentialExpiresAt) {}
