package io.tandem.relay.router;

import io.tandem.relay.room.RoomChange;
import io.smallrye.mutiny.Uni;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.RoomPort;
import java.util.UUID;

/**
 * Where a session's room lives and how a connection reaches it: the one thing the socket knows of the relay's
 * topology. {@link LocalRouter} keeps every room in this process (the default); the Redis router (multi-node relay,
 * docs/protocol.md "Several nodes") claims rooms in Redis and attaches participants on other nodes over pub/sub. One
 * of them is chosen at startup by configuration ({@link Routing}); nothing else branches on it.
 */
public interface RoomRouter {

    /** Before a connection is admitted: settles which node holds the session's room, and names it. */
    Uni<String> resolve(UUID sessionId);

    /** Where an admitted connection's frames go: the room here, or {@code holder}, the node that holds it. */
    RoomPort port(UUID sessionId, String holder, Participant who, Peer peer);

    /** Shutting down: new relay connections are refused (503), so their clients reach another node. */
    boolean stopping();

    /** The session ended on this node (REST or expiry): its room is ended where it lives. */
    void ended(UUID sessionId, String status);

    /**
     * Someone's place in the session changed (a transfer, a supervisor stepping in or out): the room is told where it
     * lives.
     */
    void changed(UUID sessionId, RoomChange change);

    /** The application started. */
    default void start() {}

    /**
     * Graceful shutdown: no new connections; each room's clients are told to reconnect (sys.reconnect, 1001) and resume
     * by sequence number on the node they reach next. Runs once; later calls do nothing.
     */
    void leave();

    /** How routing stands, for the relay-bridge health check. */
    RouterStatus status();
}
