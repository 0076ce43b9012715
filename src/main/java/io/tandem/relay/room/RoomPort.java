package io.tandem.relay.room;

import io.tandem.relay.protocol.Inbound;
import io.vertx.core.buffer.Buffer;

/**
 * Where a connection's frames go: the session's room on this node, or (multi-node relay) the node that holds it.
 */
public interface RoomPort {

    /** A decoded frame from {@code peer}; {@code frame} is the frame as it arrived, for forwarding unparsed. */
    void receive(Peer peer, Participant who, Inbound in, Buffer frame);

    /** The connection is gone. */
    default void closed(Peer peer) {
        closed(peer, 0);
    }

    /**
     * The connection is gone; {@code clientCode} is the close code the client sent (0 if none or unknown):
     * {@link io.tandem.relay.protocol.CloseCode#STOPPED_CODE} from a customer means they stopped sharing and left.
     */
    void closed(Peer peer, int clientCode);
}
