package io.tandem.document;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Viewing of one document version in one session since it was last recorded: seconds on screen and pages shown.
 * Collected by the relay room, written in batches.
 */
public record DocumentViewing(UUID sessionId, UUID versionId, long seconds, Set<Integer> pages, Instant at) {}
