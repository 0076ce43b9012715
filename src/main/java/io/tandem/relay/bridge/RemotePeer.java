package io.tandem.relay.bridge;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.Room;
import io.tandem.relay.room.RoomRegistry;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/** A connection on another node attached to a room here, as the room sees it: its frames are published for it. */
final class RemotePeer implements Peer {

    final UUID sessionId;
    final String id;
    private final Buffer head;
    /** The node the connection is on. */
    private final String node;
    private final RedisLink redis;
    private final CrossNode crossNode;
    private final RoomRegistry rooms;

    RemotePeer(UUID sessionId, String id, String node, RedisLink redis, CrossNode crossNode, RoomRegistry rooms) {
        this.sessionId = sessionId;
        this.id = id;
        this.node = node;
        this.head = Envelope.outbound(node, id);
        this.redis = redis;
        this.crossNode = crossNode;
        this.rooms = rooms;
    }

    @Override
    public void send(Buffer frame, Runnable written) {
        redis.publish(sessionId, head.copy().appendBuffer(frame), written, () -> {
            // a frame for this client is lost: it must not go on as if it had it all
            close(CloseCode.GOING_AWAY);
            Room room = rooms.existing(sessionId);
            if (room != null) {
                room.closed(this);
            }
        });
    }

    @Override
    public void close(CloseCode code) {
        crossNode.forget(this);
        redis.publish(sessionId, Envelope.close(node, id, code.code()), () -> {});
    }

    @Override
    public String toString() {
        return id + "@" + sessionId;
    }
}
