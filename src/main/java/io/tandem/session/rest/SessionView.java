package io.tandem.session.rest;

import io.tandem.session.CobrowseSession;
import io.tandem.touchpoint.Outcome;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRow;
import java.time.Instant;
import java.util.UUID;

/** A session as staff see it. Join secrets never appear here, only in the answer that creates the session. */
public record SessionView(UUID id, SessionStatus status, Party advisor, Party customer, String purpose,
        Instant createdAt, Instant startedAt, Instant endedAt, Instant joinExpiresAt, Outcome outcome, String notes,
        Integer durationSeconds, Integer score, boolean recorded) {

    /** Someone taking part, by id and display name. */
    public record Party(UUID id, String name) {}

    public static SessionView of(SessionRow row) {
        CobrowseSession s = row.session();
        return new SessionView(s.id, s.status, new Party(s.advisorId, row.advisorName()),
                new Party(s.customerId, row.customerName()), s.purpose, s.createdAt, s.startedAt, s.endedAt,
                s.joinExpiresAt, s.outcome, s.notes, row.durationSeconds(), row.score(), row.recorded());
    }
}
