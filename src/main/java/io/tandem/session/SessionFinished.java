package io.tandem.session;

import java.util.UUID;

/** CDI event: a session has ended or expired and its touchpoint is complete. Live connections must close. */
public record SessionFinished(UUID sessionId, SessionStatus status) {}
