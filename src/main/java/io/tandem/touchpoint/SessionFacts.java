package io.tandem.touchpoint;

import java.time.Instant;
import java.util.UUID;

/**
 * What the touchpoint rules need to know of a session: who met, when, and what it achieved. The session feature hands
 * it over, so the relationship records depend on no session class.
 */
public record SessionFacts(UUID id, UUID customerId, UUID advisorId, Instant createdAt, Instant startedAt,
        Instant endedAt, Outcome outcome) {}
