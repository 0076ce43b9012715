package io.tandem.session.rest;

import java.time.Instant;

/** What the console hands to its stage frame; the frame then shares as participant stage:{advisorId}. */
public record StageCredentialView(String credential, Instant expiresAt) {}
