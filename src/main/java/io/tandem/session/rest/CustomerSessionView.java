package io.tandem.session.rest;

import io.tandem.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/** The session as its customer sees it: no notes, no outcome, no other customer data. */
public record CustomerSessionView(UUID sessionId, SessionStatus status, String advisorName, String purpose,
        Instant startedAt, Instant endedAt) {}
