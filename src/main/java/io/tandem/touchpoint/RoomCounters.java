package io.tandem.touchpoint;

import io.smallrye.mutiny.Uni;
import io.tandem.relay.listener.RoomActivity;
import io.tandem.relay.listener.RoomListener;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The touchpoint's ear on the relay: the rooms' counters, written in one transaction per batch. Counters whose write
 * failed are kept (one entry per session) and merged into the next batch.
 */
@ApplicationScoped
public class RoomCounters implements RoomListener {

    private final TouchpointService touchpoints;
    private final Map<UUID, SessionActivity> unsaved = new HashMap<>();

    public RoomCounters(TouchpointService touchpoints) {
        this.touchpoints = touchpoints;
    }

    @Override
    public Uni<Void> activity(List<RoomActivity> activity) {
        Map<UUID, SessionActivity> batch = new HashMap<>();
        synchronized (unsaved) {
            activity.forEach(a -> unsaved.merge(a.sessionId(), of(a), SessionActivity::plus));
            unsaved.values().stream().filter(a -> !a.isEmpty()).forEach(a -> batch.put(a.sessionId(), a));
            unsaved.clear();
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return touchpoints.recordActivity(List.copyOf(batch.values())).onFailure().invoke(e -> {
            synchronized (unsaved) {
                batch.values().forEach(a -> unsaved.merge(a.sessionId(), a, SessionActivity::plus));
            }
        });
    }

    static SessionActivity of(RoomActivity a) {
        return new SessionActivity(a.sessionId(), a.pagesVisited(), a.activeSeconds(), a.annotations(),
                a.controlRequests(), a.controlGrants(), a.controlActions());
    }
}
