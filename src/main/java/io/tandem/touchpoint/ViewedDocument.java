package io.tandem.touchpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a session's touchpoint shows about one policy document version: seconds on screen and pages shown. */
public record ViewedDocument(UUID versionId, UUID documentId, String title, String versionLabel, int number,
        long seconds, List<Integer> pages, Instant firstAt, Instant lastAt) {}
