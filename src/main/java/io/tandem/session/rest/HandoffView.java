package io.tandem.session.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The session a handoff code stood for, with the names the page shows (from the server, never from the URL).
 * {@code kind}: {@code customer} (send {@code Authorization: Customer <credential>}) or {@code stage} (the advisor's page
 * in the console's stage frame: {@code Authorization: Stage <credential>}); {@code advisorName} null for a stage;
 * {@code call} null when no call goes on.
 */
public record HandoffView(UUID sessionId, String credential, Instant expiresAt, String kind, String advisorName,
        String purpose, HandoffRequest.HandoffCall call) {}
