package io.tandem.touchpoint;

import java.util.UUID;

/** Touchpoint counters collected from a session's live stream since they were last recorded. */
public record SessionActivity(UUID sessionId, int pagesVisited, long activeSeconds) {

    public boolean isEmpty() {
        return pagesVisited == 0 && activeSeconds == 0;
    }

    public SessionActivity plus(SessionActivity other) {
        return new SessionActivity(sessionId, pagesVisited + other.pagesVisited, activeSeconds + other.activeSeconds);
    }
}
