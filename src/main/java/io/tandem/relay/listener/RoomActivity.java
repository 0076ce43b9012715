package io.tandem.relay.listener;

import java.util.Map;
import java.util.UUID;

/**
 * A room's counters since they were last taken: pages visited (dom.nav loads), active seconds (customer and an advisor
 * both connected), finished annotations (ann.end), and control requests, grants and relayed actions.
 */
public record RoomActivity(UUID sessionId, int pagesVisited, long activeSeconds, int annotations,
        int controlRequests, int controlGrants, int controlActions, Map<String, Long> advisorSeconds) {

    public RoomActivity(UUID sessionId, int pagesVisited, long activeSeconds, int annotations, int controlRequests,
            int controlGrants, int controlActions) {
        this(sessionId, pagesVisited, activeSeconds, annotations, controlRequests, controlGrants, controlActions,
                Map.of());
    }

    /** Page and time counters only. */
    public RoomActivity(UUID sessionId, int pagesVisited, long activeSeconds) {
        this(sessionId, pagesVisited, activeSeconds, 0, 0, 0, 0);
    }
}
