package io.tandem.session.repository;

import io.tandem.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/** Optional criteria of the session list; null means "any". Times bound the creation time, `to` exclusive. */
public record SessionFilter(SessionStatus status, UUID advisorId, UUID customerId, Instant from, Instant to) {}
