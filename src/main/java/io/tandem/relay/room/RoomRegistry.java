package io.tandem.relay.room;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tandem.config.RelayConfig;
import io.tandem.document.DocumentViewing;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.recording.Recorder;
import io.tandem.settings.Settings;
import io.quarkus.vertx.VertxContextSupport;
import io.tandem.touchpoint.SessionActivity;
import io.tandem.touchpoint.service.TouchpointService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The rooms of this node. Rooms are created by the first admitted connection and dropped once abandoned; their
 * touchpoint counters are written in batches on a schedule, never from the message path.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class);

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    /** Counters whose write failed, kept (one entry per session) until a write succeeds. */
    private final Map<UUID, SessionActivity> unsaved = new java.util.HashMap<>();
    private final RoomLimits limits;
    private final Clock clock;
    private final TouchpointService touchpoints;

    private final Recorder recorder;
    private final Settings settings;
    private final SessionDocumentStore documents;
    /** Document viewing whose write failed, retried with the next flush (bounded by sessions x versions opened). */
    private final List<DocumentViewing> unsavedViewings = new ArrayList<>();

    public RoomRegistry(RelayConfig config, Clock clock, TouchpointService touchpoints,
            Recorder recorder, Settings settings, SessionDocumentStore documents) {
        this.limits = RoomLimits.of(config);
        this.clock = clock;
        this.touchpoints = touchpoints;
        this.recorder = recorder;
        this.settings = settings;
        this.documents = documents;
    }

    /** The session's room, opened with the settings in effect now (remote control, recording) if it is new. */
    public Room room(UUID sessionId) {
        return rooms.computeIfAbsent(sessionId, id -> new Room(id, limits.withRemoteControl(settings.remoteControl()),
                clock, settings.recording() ? recorder : FrameSink.NONE));
    }

    public Room existing(UUID sessionId) {
        return rooms.get(sessionId);
    }

    /** The ids of the rooms on this node. */
    public java.util.Set<UUID> ids() {
        return java.util.Set.copyOf(rooms.keySet());
    }

    /**
     * The session is over and its room (if any) is on this node: everyone is told and closed with 4409, the recording
     * gets its final chunk and the counters are written. The multi-node bridge calls this where the room lives.
     */
    public void endHere(UUID sessionId, String status) {
        recorder.finish(sessionId);
        Room room = rooms.remove(sessionId);
        if (room != null) {
            room.end(status);
            flush(List.of(room.takeActivity())).call(() -> flushViewings(room.takeDocumentViewings())).subscribe().with(
                    v -> {},
                    e -> LOG.warnf("Could not record activity of %s: %s", sessionId, e));
        }
    }

    /**
     * Another node holds the session's room (multi-node relay): the copy here is dropped, its clients told to reconnect
     * (they find the holder), and its counters kept for the next write.
     */
    public void retireHere(UUID sessionId) {
        Room room = rooms.remove(sessionId);
        if (room != null) {
            room.retire();
            SessionActivity activity = room.takeActivity();
            List<DocumentViewing> viewings = room.takeDocumentViewings();
            synchronized (unsaved) {
                unsaved.merge(sessionId, activity, SessionActivity::plus);
            }
            synchronized (unsavedViewings) {
                unsavedViewings.addAll(viewings);
            }
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        rooms.values().forEach(Room::tick);
    }

    @Scheduled(every = "${tandem.relay.counter-flush-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flushActivity() {
        List<SessionActivity> activity = new ArrayList<>();
        List<DocumentViewing> viewings = new ArrayList<>();
        rooms.forEach((id, room) -> {
            activity.add(room.takeActivity());
            viewings.addAll(room.takeDocumentViewings());
            if (room.isAbandoned() && rooms.remove(id, room)) {
                room.retire();
            }
        });
        return flush(activity).onFailure()
                .invoke(e -> LOG.warnf("Could not record session activity, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> flushViewings(viewings)).onFailure()
                .invoke(e -> LOG.warnf("Could not record document viewing, will retry: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** The node is going away: every room tells its clients to reconnect (elsewhere) and resume; see RelayBridge. */
    public void moveAway() {
        rooms.values().forEach(Room::goingAway);
    }

    void shutdown(@Observes ShutdownEvent event) {
        List<SessionActivity> activity = new ArrayList<>();
        List<DocumentViewing> viewings = new ArrayList<>();
        rooms.values().forEach(room -> { // their clients were told to reconnect already (moveAway)
            activity.add(room.takeActivity());
            viewings.addAll(room.takeDocumentViewings());
        });
        try {
            VertxContextSupport.subscribeAndAwait(() -> flush(activity).chain(() -> flushViewings(viewings)));
        } catch (Throwable e) {
            LOG.warnf("Could not record session activity at shutdown: %s", e.toString());
        }
    }

    /** Writes document viewing (merged into what is stored); on failure it is kept for the next attempt. */
    private Uni<Void> flushViewings(List<DocumentViewing> viewings) {
        List<DocumentViewing> batch;
        synchronized (unsavedViewings) {
            unsavedViewings.addAll(viewings);
            batch = List.copyOf(unsavedViewings);
            unsavedViewings.clear();
        }
        return documents.addViewings(batch).onFailure().invoke(e -> {
            synchronized (unsavedViewings) {
                unsavedViewings.addAll(batch);
            }
        });
    }

    /** Writes counters in one transaction; on failure they are kept and merged into the next attempt. */
    private Uni<Void> flush(List<SessionActivity> activity) {
        Map<UUID, SessionActivity> batch = new java.util.HashMap<>();
        synchronized (unsaved) {
            activity.forEach(a -> unsaved.merge(a.sessionId(), a, SessionActivity::plus));
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
}
