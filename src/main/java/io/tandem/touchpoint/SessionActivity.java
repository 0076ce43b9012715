package io.tandem.touchpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Touchpoint counters collected from a session's live stream since they were last recorded.
 *
 * @param annotations finished drawings, shapes and notes (ann.end)
 * @param controlRequests requests to control the stage page
 * @param controlGrants control granted by the stage page's owner
 * @param controlActions control actions relayed under a grant
 */
public record SessionActivity(UUID sessionId, int pagesVisited, long activeSeconds, int annotations,
        int controlRequests, int controlGrants, int controlActions, Map<UUID, Long> advisorSeconds) {

    public SessionActivity(UUID sessionId, int pagesVisited, long activeSeconds, int annotations,
            int controlRequests, int controlGrants, int controlActions) {
        this(sessionId, pagesVisited, activeSeconds, annotations, controlRequests, controlGrants, controlActions,
                Map.of());
    }

    /** Page and time counters only. */
    public SessionActivity(UUID sessionId, int pagesVisited, long activeSeconds) {
        this(sessionId, pagesVisited, activeSeconds, 0, 0, 0, 0);
    }

    public boolean isEmpty() {
        return pagesVisited == 0 && activeSeconds == 0 && annotations == 0 && controlRequests == 0
                && controlGrants == 0 && controlActions == 0 && advisorSeconds.isEmpty();
    }

    public SessionActivity plus(SessionActivity other) {
        Map<UUID, Long> seconds = new LinkedHashMap<>(advisorSeconds);
        other.advisorSeconds.forEach((k, v) -> seconds.merge(k, v, Long::sum));
        return new SessionActivity(sessionId, pagesVisited + other.pagesVisited, activeSeconds + other.activeSeconds,
                annotations + other.annotations, controlRequests + other.controlRequests,
                controlGrants + other.controlGrants, controlActions + other.controlActions, Map.copyOf(seconds));
    }
}
