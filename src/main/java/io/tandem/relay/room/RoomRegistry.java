package io.tandem.relay.room;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tandem.config.RelayConfig;
import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.listener.RoomActivity;
import io.tandem.relay.listener.RoomListener;
import io.tandem.relay.listener.RoomSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The rooms of this node. Rooms are created by the first admitted connection and dropped once abandoned. What they
 * relay and count goes to every {@link RoomListener} bean (recording, touchpoint, documents): frames through the tap
 * each listener gives a room as it opens, counters in batches on a schedule, never from the message path.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class);

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final RoomLimits limits;
    private final Clock clock;
    private final RoomSettings settings;
    private final List<RoomListener> listeners;
    /** Counters of rooms retired here (another node holds them now), handed over with the next batch. */
    private final List<RoomActivity> retiredActivity = new ArrayList<>();
    private final List<DocumentViewed> retiredViewings = new ArrayList<>();

    public RoomRegistry(RelayConfig config, Clock clock, RoomSettings settings, @Any Instance<RoomListener> listeners) {
        this.limits = RoomLimits.of(config);
        this.clock = clock;
        this.settings = settings;
        this.listeners = listeners.stream().toList();
    }

    /** The session's room, opened with the settings in effect now (remote control, recording) if it is new. */
    public Room room(UUID sessionId) {
        return rooms.computeIfAbsent(sessionId, id -> {
            FrameSink tap = FrameSink.NONE;
            for (RoomListener l : listeners) {
                tap = FrameSink.both(tap, l.frames(id));
            }
            return new Room(id, limits.withRemoteControl(settings.remoteControl()), clock, tap);
        });
    }

    public Room existing(UUID sessionId) {
        return rooms.get(sessionId);
    }

    /** The ids of the rooms on this node. */
    public Set<UUID> ids() {
        return Set.copyOf(rooms.keySet());
    }

    /**
     * The session is over and its room (if any) is on this node: the listeners hear of it (the recording gets its
     * final chunk), everyone is told and closed with 4409, and the counters are written. The multi-node bridge calls
     * this where the room lives.
     */
    public void endHere(UUID sessionId, String status) {
        listeners.forEach(l -> l.ended(sessionId));
        Room room = rooms.remove(sessionId);
        if (room != null) {
            room.end(status);
            List<RoomActivity> activity = new ArrayList<>(List.of(room.takeActivity()));
            flush(activity, new ArrayList<>(room.takeDocumentViewings())).subscribe().with(v -> {},
                    e -> LOG.warnf("Could not record activity of %s: %s", sessionId, e));
        }
    }

    /** Someone's place in the session changed: the room hears of it, if it is on this node. */
    public void changeHere(UUID sessionId, RoomChange change) {
        Room room = rooms.get(sessionId);
        if (room != null) {
            room.change(change);
        }
    }

    /**
     * The session's video call started or ended (seconds long): marked in the recording by the room, if it is on
     * this node. A call that ends with the session finds no room: the replay ends it with the session.
     */
    public void callChanged(UUID sessionId, boolean started, long seconds) {
        Room room = rooms.get(sessionId);
        if (room != null) {
            room.callChanged(started, seconds);
        }
    }

    /**
     * Another node holds the session's room (multi-node relay): the copy here is dropped, its clients told to reconnect
     * (they find the holder), and its counters kept for the next batch.
     */
    public void retireHere(UUID sessionId) {
        Room room = rooms.remove(sessionId);
        if (room != null) {
            room.retire();
            RoomActivity activity = room.takeActivity();
            List<DocumentViewed> viewings = room.takeDocumentViewings();
            synchronized (retiredActivity) {
                retiredActivity.add(activity);
                retiredViewings.addAll(viewings);
            }
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        rooms.values().forEach(Room::tick);
    }

    @Scheduled(every = "${tandem.relay.counter-flush-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flushActivity() {
        List<RoomActivity> activity = new ArrayList<>();
        List<DocumentViewed> viewings = new ArrayList<>();
        rooms.forEach((id, room) -> {
            activity.add(room.takeActivity());
            viewings.addAll(room.takeDocumentViewings());
            if (room.isAbandoned() && rooms.remove(id, room)) {
                room.retire();
            }
        });
        return flush(activity, viewings);
    }

    /** The node is going away: every room tells its clients to reconnect (elsewhere) and resume; see LocalRouter.leave. */
    public void moveAway() {
        rooms.values().forEach(Room::goingAway);
    }

    void shutdown(@Observes ShutdownEvent event) {
        List<RoomActivity> activity = new ArrayList<>();
        List<DocumentViewed> viewings = new ArrayList<>();
        rooms.values().forEach(room -> { // their clients were told to reconnect already (moveAway)
            activity.add(room.takeActivity());
            viewings.addAll(room.takeDocumentViewings());
        });
        try {
            VertxContextSupport.subscribeAndAwait(() -> flush(activity, viewings));
        } catch (Throwable e) {
            LOG.warnf("Could not record session activity at shutdown: %s", e.toString());
        }
    }

    /** Hands a batch (with the counters of retired rooms) to every listener; failures are logged, never thrown. */
    private Uni<Void> flush(List<RoomActivity> activity, List<DocumentViewed> viewings) {
        synchronized (retiredActivity) {
            activity.addAll(retiredActivity);
            viewings.addAll(retiredViewings);
            retiredActivity.clear();
            retiredViewings.clear();
        }
        return each("session activity", l -> l.activity(activity))
                .chain(() -> each("document viewing", l -> l.viewings(viewings)));
    }

    /** Calls every listener in turn, each after the previous one's write; a failure is logged and the next goes on. */
    private Uni<Void> each(String what, Function<RoomListener, Uni<Void>> call) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RoomListener l : listeners) {
            chain = chain.chain(() -> call.apply(l).onFailure()
                    .invoke(e -> LOG.warnf("Could not record %s, will retry: %s", what, e.toString()))
                    .onFailure().recoverWithNull());
        }
        return chain;
    }
}
