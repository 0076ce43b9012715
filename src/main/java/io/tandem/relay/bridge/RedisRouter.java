package io.tandem.relay.bridge;

import io.tandem.relay.room.RoomChange;
import io.smallrye.mutiny.Uni;
import io.tandem.config.BridgeConfig;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.Room;
import io.tandem.relay.room.RoomPort;
import io.tandem.relay.room.RoomRegistry;
import io.tandem.relay.router.LocalRouter;
import io.tandem.relay.router.MultiNode;
import io.tandem.relay.router.RoomRouter;
import io.tandem.relay.router.RouterStatus;
import io.tandem.signaling.ends.SessionEndSubscriber;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The multi-node relay (docs/protocol.md, "Several nodes"). Rooms stay node-local: a session's room lives on the node
 * that claimed it in Redis ({@link Claims}: the first to get one of its participants), which numbers its frames, keeps
 * its keyframe and replay log and records it, exactly as on a single node ({@link LocalRouter}). A participant who
 * lands on another node is attached through the session's pub/sub channel ({@link AttachedPort} there,
 * {@link RemotePeer} here): their frames go to the room's node as received, and the room's frames for them come back
 * the same way. So ordering, resume and keyframes are the room's, wherever its participants are.
 * <p>
 * Claims expire unless renewed ({@link Heartbeat}), and a node that stops renewing its heartbeat is taken for dead: its
 * rooms are claimed by the next node a participant reconnects to. A node that stops hands its rooms over
 * ({@link RoomHandover}).
 */
@MultiNode
@ApplicationScoped
public class RedisRouter implements RoomRouter {

    private static final Logger LOG = Logger.getLogger(RedisRouter.class);

    private final BridgeConfig config;
    private final String node;
    private final LocalRouter local;
    private final RoomRegistry rooms;
    private final Vertx vertx;
    private final RedisLink redis;
    private final Claims claims;
    private final CrossNode crossNode;
    private final RoomHandover handover;
    private final Heartbeat heartbeat;
    private final AtomicLong connections = new AtomicLong();
    private volatile long timer = -1;

    public RedisRouter(BridgeConfig config, LocalRouter local, RoomRegistry rooms, Instance<Redis> redisClient,
            Vertx vertx) {
        this.config = config;
        this.node = config.nodeId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("tandem.relay.bridge.node-id must be 1 to 64 letters, digits, - _ .");
        }
        this.local = local;
        this.rooms = rooms;
        this.vertx = vertx;
        this.crossNode = new CrossNode(rooms);
        this.redis = new RedisLink(redisClient::get, node, this::onMessage, this::heartbeat, this::lost);
        this.claims = new Claims(redis, config, node);
        this.handover = new RoomHandover(redis, claims, rooms, config);
        this.heartbeat = new Heartbeat(redis, claims, crossNode, rooms, local::stopping, config.heartbeat());
    }

    @Override
    public void start() {
        LOG.infof("Relay bridge on: node %s", node);
        redis.connect();
        timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
    }

    void heartbeat() {
        heartbeat.run();
    }

    /**
     * Finds (or takes) the node that holds the session's room before a connection is admitted here. Without Redis the
     * room is opened here: sessions with all their participants on this node keep working, cross-node ones are split
     * until Redis returns (then the heartbeat merges them).
     */
    @Override
    public Uni<String> resolve(UUID sessionId) {
        Room existing = rooms.existing(sessionId);
        if (existing != null && claims.holds(sessionId)) {
            return Uni.createFrom().item(node);
        }
        // the channel first: once the claim is visible, other nodes publish their clients' frames for the room here
        return Uni.createFrom().completionStage(() -> redis.subscribe(sessionId).compose(v -> claims.claim(sessionId))
                .toCompletionStage()).onItemOrFailure()
                .transform((holder, failure) -> {
                    if (failure != null || holder == null) {
                        redis.note("claim", failure);
                        return node; // unclaimed: claimed (or handed over) once Redis answers
                    }
                    return holder;
                }).call(holder -> holder.equals(node) && existing == null
                        ? handover.takeOver(sessionId)
                        : Uni.createFrom().voidItem());
    }

    @Override
    public RoomPort port(UUID sessionId, String holder, Participant who, Peer peer) {
        redis.subscribe(sessionId);
        if (holder.equals(node)) {
            return local.port(sessionId, holder, who, peer);
        }
        AttachedPort link = new AttachedPort(sessionId, node + "." + connections.incrementAndGet(), holder, who, peer,
                redis, crossNode, config.attachedQueueBytes());
        crossNode.attach(link);
        return link;
    }

    @Override
    public boolean stopping() {
        return local.stopping();
    }

    /**
     * The session ended here: its room is ended where it lives, here if it is here (or nowhere alive), else on its
     * node, told over the session's channel. Standalone signaling servers (SessionEndSubscriber) hear of it too, so
     * they close its call (4409) and refuse its tokens; fire and forget.
     */
    @Override
    public void ended(UUID sessionId, String status) {
        if (rooms.existing(sessionId) != null) {
            local.ended(sessionId, status);
            redis.publish(sessionId, Envelope.end(status), () -> {});
        } else {
            claims.holder(sessionId).onComplete(ar -> {
                String holder = ar.succeeded() ? ar.result() : null;
                if (holder == null || holder.equals(node)) {
                    local.ended(sessionId, status);
                }
                redis.publish(sessionId, Envelope.end(status), () -> {});
            });
        }
        redis.publishTo(SessionEndSubscriber.CHANNEL, sessionId.toString());
    }

    /**
     * As on one node (see {@link LocalRouter#leave(Runnable)}), with the rooms handed over through Redis and this
     * node's claims and heartbeat released before their clients are told to reconnect, so the node they reach takes
     * the rooms over at once. Clients here attached to rooms elsewhere move too.
     */
    /**
     * Applied to the room here if it is here, and told to every node over the session's channel (the node that holds
     * the room applies it; applying it twice changes nothing more).
     */
    @Override
    public void changed(UUID sessionId, RoomChange change) {
        local.changed(sessionId, change);
        redis.publish(sessionId, Envelope.change(node, change), () -> {});
        if (change.kind() != RoomChange.Kind.OWNER) {
            // Standalone signaling servers close a stepped-out supervisor's call and refuse their media tokens.
            redis.publishTo(SessionEndSubscriber.SEAT_CHANNEL, (change.kind() == RoomChange.Kind.STEPPED_IN
                    ? "in "
                    : "out ") + sessionId + ' ' + change.id());
        }
    }

    @Override
    public void leave() {
        local.leave(() -> {
            redis.stop();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            crossNode.dropAttached(CloseCode.GOING_AWAY,
                    a -> a.peer.send(FrameCodec.server(MessageType.SYS_RECONNECT, "{}"), () -> {}));
            handover.handOverAndRelease();
        });
    }

    @Override
    public RouterStatus status() {
        return new RouterStatus(true, node, redis.connected(), crossNode.sessions(), redis.lastFailure());
    }

    /**
     * Redis went away: cross-node sessions are cut. Connections attached from here are closed with 1001 (their clients
     * reconnect, and get a room here until Redis is back); attached clients of rooms here show as reconnecting.
     */
    private void lost() {
        crossNode.dropAttached(CloseCode.GOING_AWAY, null);
        crossNode.cutRemotes();
    }

    private void onMessage(Response message) {
        if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        String channel = message.get(1).toString();
        UUID sessionId;
        Envelope e;
        try {
            sessionId = UUID.fromString(channel.substring(channel.lastIndexOf(':') + 1));
            e = Envelope.parse(message.get(2).toBuffer());
        } catch (IllegalArgumentException ex) {
            LOG.warnf("Ignored a bad message on %s: %s", channel, ex.getMessage());
            return;
        }
        if (!e.to().equals(node) && !e.to().equals(Envelope.EVERYONE)) {
            return;
        }
        switch (e.kind()) {
            case Envelope.IN -> fromAttached(sessionId, e);
            case Envelope.GONE -> {
                RemotePeer peer = crossNode.gone(sessionId, e.connection());
                Room room = rooms.existing(sessionId);
                if (peer != null && room != null) {
                    room.closed(peer, e.code());
                }
            }
            case Envelope.OUT -> {
                AttachedPort a = crossNode.attached(sessionId, e.connection());
                if (a != null) {
                    a.deliver(e.frame());
                }
            }
            case Envelope.CLOSE -> {
                AttachedPort a = crossNode.attached(sessionId, e.connection());
                if (a != null) {
                    a.drop(closeCode(e.code()));
                }
            }
            case Envelope.CHANGE -> {
                if (!e.connection().equals(node)) { // this node applied its own change when it made it
                    local.changed(sessionId, e.change());
                }
            }
            case Envelope.END -> {
                if (rooms.existing(sessionId) != null) {
                    local.ended(sessionId, e.status());
                }
            }
            default -> LOG.debugf("Ignored bridge message of kind %s", e.kind());
        }
    }

    /** A frame of a client attached from another node, for the room here (opened if this node holds the claim). */
    private void fromAttached(UUID sessionId, Envelope e) {
        String from = e.connection().substring(0, Math.max(0, e.connection().lastIndexOf('.')));
        RemotePeer peer = crossNode.remote(sessionId, e.connection(), c -> new RemotePeer(sessionId, c, from, redis,
                crossNode, rooms));
        Room room = rooms.existing(sessionId);
        if (room == null) {
            if (!claims.holds(sessionId)) {
                peer.close(CloseCode.GOING_AWAY); // not ours (any more): the client reconnects and finds the holder
                return;
            }
            room = rooms.room(sessionId);
        }
        try {
            Inbound in = FrameCodec.decode(e.frame());
            room.receive(peer, e.participant(), in);
        } catch (BadFrameException ex) {
            LOG.infof("Closing %s: bad frame (%s)", peer, ex.getMessage());
            peer.close(CloseCode.BAD_MESSAGE);
            room.closed(peer);
        }
    }

    private static CloseCode closeCode(int code) {
        for (CloseCode c : CloseCode.values()) {
            if (c.code() == code) {
                return c;
            }
        }
        return CloseCode.GOING_AWAY;
    }
}
