package io.tandem.touchpoint;

import io.smallrye.mutiny.Uni;
import io.tandem.relay.listener.RoomActivity;
import io.tandem.relay.listener.RoomListener;
import io.tandem.storage.OnceBatches;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The touchpoint's ear on the relay: the rooms' counters, written in one transaction per batch, exactly once (see
 * {@link OnceBatches}): a batch whose write failed is written again under its id, which the database remembers.
 */
@ApplicationScoped
public class RoomCounters implements RoomListener {

    /** Batches kept while the database is away: at one flush every 15 s, more than 4 hours. */
    static final int MAX_PENDING = 1_000;

    private final BiFunction<UUID, List<SessionActivity>, Uni<Void>> store;
    private final OnceBatches<SessionActivity> batches = new OnceBatches<>("Touchpoint counters", MAX_PENDING);

    @Inject
    public RoomCounters(TouchpointService touchpoints) {
        this(touchpoints::recordActivity);
    }

    /** {@code store}: writes one batch under its id (a test may put a failing database in between). */
    RoomCounters(BiFunction<UUID, List<SessionActivity>, Uni<Void>> store) {
        this.store = store;
    }

    @Override
    public Uni<Void> activity(List<RoomActivity> activity) {
        Map<UUID, SessionActivity> bySession = new LinkedHashMap<>();
        activity.forEach(a -> bySession.merge(a.sessionId(), of(a), SessionActivity::plus));
        bySession.values().removeIf(SessionActivity::isEmpty);
        return batches.write(List.copyOf(bySession.values()), b -> store.apply(b.id(), b.items()));
    }

    /** Batches not yet known to be stored: waiting for the database, or being written (health checks, tests). */
    public int pendingBatches() {
        return batches.pending();
    }

    static SessionActivity of(RoomActivity a) {
        Map<UUID, Long> seconds = new LinkedHashMap<>();
        a.advisorSeconds().forEach((id, s) -> {
            try {
                seconds.put(UUID.fromString(id), s); // staff ids; anything else (a stage page) is not an advisor
            } catch (IllegalArgumentException notStaff) {
                // skipped
            }
        });
        return new SessionActivity(a.sessionId(), a.pagesVisited(), a.activeSeconds(), a.annotations(),
                a.controlRequests(), a.controlGrants(), a.controlActions(), Map.copyOf(seconds));
    }
}
