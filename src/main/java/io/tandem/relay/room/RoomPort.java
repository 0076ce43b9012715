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
    void closed(Peer peer);
}
