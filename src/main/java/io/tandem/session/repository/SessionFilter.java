package io.tandem.session.repository;

import io.tandem.touchpoint.Outcome;
import io.tandem.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Optional criteria of the session log; null means "any". Times bound the creation time, `to` exclusive; durations
 * are the touchpoint's seconds, scores the customer's 0–10 answer (both bounds inclusive); `notes` is a
 * case-insensitive substring of the advisor's notes; `participant` keeps the sessions a staff member owns or took part
 * in beside the owner (joined on an invitation, owned before a transfer, stepped in).
 */
public record SessionFilter(SessionStatus status, UUID advisorId, UUID customerId, Instant from, Instant to,
        Outcome outcome, Integer minDuration, Integer maxDuration, Integer minScore, Integer maxScore,
        Boolean recorded, String notes, UUID participant) {

    public SessionFilter(SessionStatus status, UUID advisorId, UUID customerId, Instant from, Instant to) {
        this(status, advisorId, customerId, from, to, null, null, null, null, null, null, null, null);
    }

    /** The same criteria, narrowed to the sessions one staff member owns or took part in. */
    public SessionFilter withParticipant(UUID staff) {
        return new SessionFilter(status, advisorId, customerId, from, to, outcome, minDuration, maxDuration, minScore,
                maxScore, recorded, notes, staff);
    }
}
