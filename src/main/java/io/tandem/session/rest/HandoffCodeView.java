package io.tandem.session.rest;

import java.time.Instant;

/** A one-time handoff code: the next page puts it in {@code #tandem-handoff=<code>} and exchanges it once. */
public record HandoffCodeView(String code, Instant expiresAt) {}
