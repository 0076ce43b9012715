package io.tandem.session.rest;

import java.time.Instant;
import java.util.UUID;

/** A customer's entry to a session: the credential to send as {@code Authorization: Customer <credential>}. */
public record AdmissionView(UUID sessionId, String credential, Instant expiresAt, String advisorName,
        String purpose, String siteName, String siteStartUrl) {}
