package io.tandem.relay.listener;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Viewing of one document version in one room since it was last taken: seconds on screen and pages shown. */
public record DocumentViewed(UUID sessionId, UUID versionId, long seconds, Set<Integer> pages, Instant at) {}
