package io.tandem.relay.router;

import io.tandem.relay.room.RoomChange;
import io.smallrye.mutiny.Uni;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.RoomPort;
import io.tandem.relay.room.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every room in this process: the default router, and the part of the Redis router that is about this node's own
 * rooms. It owns graceful shutdown: new connections are refused, then every room tells its clients to reconnect
 * (the next instance, or another node); RoomRegistry writes the counters last, on ShutdownEvent, after this has run.
 */
@ApplicationScoped
@Typed(LocalRouter.class) // injected as the default RoomRouter only through Routing's producer
public class LocalRouter implements RoomRouter {

    /** The holder every admission names on a single node. */
    public static final String HERE = "local";
    private static final Logger LOG = Logger.getLogger(LocalRouter.class);

    private final RoomRegistry rooms;
    private volatile boolean stopping;

    public LocalRouter(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    @Override
    public Uni<String> resolve(UUID sessionId) {
        return Uni.createFrom().item(HERE);
    }

    @Override
    public RoomPort port(UUID sessionId, String holder, Participant who, Peer peer) {
        return rooms.room(sessionId);
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void ended(UUID sessionId, String status) {
        rooms.endHere(sessionId, status);
    }

    @Override
    public void changed(UUID sessionId, RoomChange change) {
        rooms.changeHere(sessionId, change);
    }

    @Override
    public void leave() {
        leave(() -> {});
    }

    /**
     * Leaves with a step of the router in effect between refusing new connections and moving the rooms' clients (the
     * Redis router hands each room's state over and releases its claims there, so the clients find the rooms free).
     */
    public synchronized void leave(Runnable beforeMoving) {
        if (stopping) {
            return;
        }
        stopping = true;
        beforeMoving.run();
        LOG.infof("Leaving: %d room(s) tell their clients to reconnect", rooms.ids().size());
        rooms.moveAway();
    }

    @Override
    public RouterStatus status() {
        return RouterStatus.SINGLE_NODE;
    }
}
