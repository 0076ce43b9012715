package io.tandem.relay.bridge;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.RoomPort;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A connection on this node attached to a room on another node: what it sends is published for that node as
 * received, and what the room sends it comes back the same way and is written to its socket.
 */
final class AttachedPort implements RoomPort {

    private static final Logger LOG = Logger.getLogger(AttachedPort.class);

    final UUID sessionId;
    final String id;
    /** The node holding the room. */
    final String holder;
    final Peer peer;
    private final Buffer head;
    private final RedisLink redis;
    private final CrossNode crossNode;
    private final long maxQueued;
    private final AtomicLong queued = new AtomicLong();

    AttachedPort(UUID sessionId, String id, String holder, Participant who, Peer peer, RedisLink redis,
            CrossNode crossNode, long maxQueued) {
        this.sessionId = sessionId;
        this.id = id;
        this.holder = holder;
        this.peer = peer;
        this.head = Envelope.inbound(holder, id, who);
        this.redis = redis;
        this.crossNode = crossNode;
        this.maxQueued = maxQueued;
    }

    @Override
    public void receive(Peer from, Participant who, Inbound in, Buffer frame) {
        // the room cannot be reached (Redis away, or the publish failed): reconnect, maybe elsewhere
        redis.publish(sessionId, head.copy().appendBuffer(frame), () -> {}, () -> drop(CloseCode.GOING_AWAY));
    }

    @Override
    public void closed(Peer from, int clientCode) {
        if (crossNode.detach(this)) {
            redis.publish(sessionId, Envelope.gone(holder, id, clientCode), () -> {});
        }
    }

    /** A frame from the room: written to the socket, which is closed if it stops reading. */
    void deliver(Buffer frame) {
        long waiting = queued.addAndGet(frame.length());
        if (waiting > maxQueued) {
            LOG.infof("Closing attached connection %s of %s: slow consumer", id, sessionId);
            drop(CloseCode.SLOW_CONSUMER);
            return;
        }
        peer.send(frame, () -> queued.addAndGet(-frame.length()));
    }

    /** Closes the client's connection; the room's node hears it is gone (unless it closed it itself). */
    void drop(CloseCode code) {
        closed(peer);
        peer.close(code);
    }
}
