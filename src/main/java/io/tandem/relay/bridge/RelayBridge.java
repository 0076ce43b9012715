package io.tandem.relay.bridge;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tandem.config.BridgeConfig;
import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.MessageType;
import io.tandem.relay.room.Handover;
import io.tandem.relay.room.Participant;
import io.tandem.relay.room.Peer;
import io.tandem.relay.room.Room;
import io.tandem.relay.room.RoomPort;
import io.tandem.relay.room.RoomRegistry;
import io.tandem.session.SessionFinished;
import io.tandem.signaling.ends.SessionEndSubscriber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The multi-node relay (docs/protocol.md, "Several nodes"). Rooms stay node-local: a session's room lives on the node
 * that claimed it in Redis (the first to get one of its participants), which numbers its frames, keeps its keyframe
 * and replay log and records it, exactly as on a single node. A participant who lands on another node is attached
 * through the session's pub/sub channel: their frames go to the room's node as received, and the room's frames for
 * them come back the same way. So ordering, resume and keyframes are the room's, wherever its participants are: a
 * late joiner on any node gets the keyframe from the node that holds it.
 * <p>
 * Claims expire unless renewed, and a node that stops renewing its heartbeat is taken for dead: its rooms are claimed
 * by the next node a participant reconnects to (which rebuilds the page from the sharer's fresh snapshot). Without
 * the bridge (the default) nothing here runs and rooms are in process only.
 */
@ApplicationScoped
public class RelayBridge {

    private static final Logger LOG = Logger.getLogger(RelayBridge.class);
    private static final String PREFIX = "tandem:relay:";
    private static final String NODE_KEY = PREFIX + "node:";
    /** Claims the room for ARGV[1] unless a live node (heartbeat key present) holds it; returns the holder. */
    private static final String CLAIM = """
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return owner end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]""";
    /** The live node holding the room, or nil. */
    private static final String HOLDER = """
            local owner = redis.call('GET', KEYS[1])
            if owner and redis.call('EXISTS', ARGV[1] .. owner) == 1 then return owner end
            return false""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final BridgeConfig config;
    private final boolean enabled;
    private final String node;
    private final RoomRegistry rooms;
    private final Instance<Redis> redisClient;
    private final Vertx vertx;
    /** Rooms of this node claimed in Redis, with when (renewed on every heartbeat, released when the room goes). */
    private final Map<UUID, Long> claimed = new ConcurrentHashMap<>();
    /** Connections on this node attached to rooms on other nodes, by session and connection id. */
    private final Map<UUID, Map<String, Attached>> attached = new ConcurrentHashMap<>();
    /** Connections on other nodes attached to rooms of this node, by session and connection id. */
    private final Map<UUID, Map<String, RemotePeer>> remotes = new ConcurrentHashMap<>();
    private final Set<UUID> subscribed = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile RedisConnection publisher;
    private volatile RedisConnection subscriber;
    private volatile boolean connecting;
    private volatile boolean stopping;
    private volatile String lastFailure;
    private long timer = -1;

    public RelayBridge(BridgeConfig config, RoomRegistry rooms, Instance<Redis> redisClient, Vertx vertx) {
        this.config = config;
        this.enabled = config.enabled();
        this.node = config.nodeId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("tandem.relay.bridge.node-id must be 1 to 64 letters, digits, - _ .");
        }
        this.rooms = rooms;
        this.redisClient = redisClient;
        this.vertx = vertx;
    }

    public boolean enabled() {
        return enabled;
    }

    public String node() {
        return node;
    }

    /** True while Redis is reachable (always true without the bridge). */
    public boolean connected() {
        return !enabled || (publisher != null && subscriber != null);
    }

    /** Sessions with a participant on this node and their room on another, or the other way round. */
    public int crossNodeSessions() {
        Set<UUID> sessions = new HashSet<>();
        attached.forEach((id, links) -> {
            if (!links.isEmpty()) {
                sessions.add(id);
            }
        });
        remotes.forEach((id, peers) -> {
            if (!peers.isEmpty()) {
                sessions.add(id);
            }
        });
        return sessions.size();
    }

    public String lastFailure() {
        return lastFailure;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        LOG.infof("Relay bridge on: node %s", node);
        connect();
        timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
    }

    /** Shutting down: no new relay connections here, they go to another node. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * On SIGTERM readiness goes DOWN for quarkus.shutdown.delay; part way into it (half, at most 1 s: load balancers
     * have seen the node go unready) the rooms move to other nodes while the sockets are still open; see
     * {@link #leave()}. Without a delay they move on shutdown.
     */
    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        Duration delay = ConfigProvider.getConfig().getOptionalValue("quarkus.shutdown.delay", Duration.class)
                .orElse(Duration.ZERO);
        long wait = Math.min(1000, delay.toMillis() / 2);
        Thread mover = new Thread(() -> {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leave();
        }, "tandem-relay-move");
        mover.setDaemon(true);
        mover.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        leave();
    }

    /**
     * Each room's state is handed over through Redis (bounded, expiring) and this node's claims and heartbeat are
     * released; only then are the clients told to reconnect (sys.reconnect, 1001), so the node they reach takes the
     * rooms over at once and they resume by sequence number. Without the bridge the clients are told the same (the
     * node they come back to is the next instance). New relay connections are refused meanwhile (503).
     */
    private synchronized void leave() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (enabled) {
            handOverAndRelease();
        }
        rooms.moveAway();
    }

    private void handOverAndRelease() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // clients here attached to rooms elsewhere move too
        attached.values().forEach(links -> links.values().forEach(a -> {
            a.peer.send(FrameCodec.server(MessageType.SYS_RECONNECT, "{}"), () -> {});
            a.drop(CloseCode.GOING_AWAY);
        }));
        // each room's state for the node that takes it over (the rooms take no more frames; RoomRegistry then tells
        // their clients to reconnect, after the claims are released, so they find the rooms free elsewhere)
        List<Future<?>> handed = new ArrayList<>();
        for (UUID id : rooms.ids()) {
            Room room = rooms.existing(id);
            if (room == null || !claimed.containsKey(id)) {
                continue;
            }
            Buffer state = room.handOver().encode();
            if (state.length() > config.handoverMaxBytes()) {
                LOG.infof("Session %s: room state of %d bytes is over the handover bound; clients resync instead", id,
                        state.length());
                continue;
            }
            handed.add(send(Request.cmd(Command.SET).arg(handoverKey(id)).arg(state).arg("PX")
                    .arg(config.handoverTtl().toMillis())));
        }
        try {
            Future<?> released = Future.join(handed).transform(v -> Future.join(claimed.keySet().stream()
                    .map(id -> (Future<?>) send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(claimKey(id))
                            .arg(node)))
                    .toList()))
                    .transform(v -> send(Request.cmd(Command.DEL).arg(NODE_KEY + node)));
            released.toCompletionStage().toCompletableFuture().get(3, java.util.concurrent.TimeUnit.SECONDS);
            LOG.infof("Relay bridge: handed over %d room(s) and released this node's claims", handed.size());
        } catch (Exception e) {
            LOG.warnf("Could not hand over this node's rooms in Redis (their claims expire): %s", e.toString());
        }
    }

    // --- admission --------------------------------------------------------------------------------------------------

    /**
     * Finds (or takes) the node that holds the session's room before a connection is admitted here. Without Redis the
     * room is opened here: sessions with all their participants on this node keep working, cross-node ones are split
     * until Redis returns (then the heartbeat merges them: see {@link #heartbeat()}).
     */
    public Uni<String> resolve(UUID sessionId) {
        if (!enabled) {
            return Uni.createFrom().item(node);
        }
        Room local = rooms.existing(sessionId);
        if (local != null && claimed.containsKey(sessionId)) {
            return Uni.createFrom().item(node);
        }
        return Uni.createFrom().completionStage(() -> send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1)
                .arg(claimKey(sessionId)).arg(node).arg(config.claimTtl().toMillis()).arg(NODE_KEY))
                .toCompletionStage()).onItemOrFailure().transform((holder, failure) -> {
                    if (failure != null || holder == null) {
                        note("claim", failure);
                        return node; // unclaimed: claimed (or handed over) once Redis answers
                    }
                    if (holder.toString().equals(node)) {
                        claimed.put(sessionId, System.nanoTime());
                    }
                    return holder.toString();
                }).call(holder -> holder.equals(node) && local == null
                        ? takeOver(sessionId)
                        : Uni.createFrom().voidItem());
    }

    /** A room claimed here: if a stopping node handed its state over, the room continues from it. */
    private Uni<Void> takeOver(UUID sessionId) {
        return Uni.createFrom().completionStage(() -> send(Request.cmd(Command.GETDEL).arg(handoverKey(sessionId)))
                .toCompletionStage()).onItemOrFailure().transform((state, failure) -> {
                    if (failure != null) {
                        note("handover", failure);
                    } else if (state != null) {
                        try {
                            boolean taken = rooms.room(sessionId).restore(Handover.decode(state.toBuffer()));
                            LOG.infof("Session %s: %s the room handed over by its previous node", sessionId,
                                    taken ? "continuing" : "already started here; not taking");
                        } catch (IllegalArgumentException e) {
                            LOG.warnf("Session %s: unreadable room handover (%s); clients resync", sessionId,
                                    e.getMessage());
                        }
                    }
                    return null;
                });
    }

    /** Where an admitted connection's frames go: the room here, or {@code holder}, the node that holds it. */
    public RoomPort port(UUID sessionId, String holder, Participant who, Peer peer) {
        if (!enabled) {
            return rooms.room(sessionId);
        }
        subscribe(sessionId);
        if (holder.equals(node)) {
            return rooms.room(sessionId);
        }
        String id = node + "." + connections.incrementAndGet();
        Attached link = new Attached(sessionId, id, holder, peer, Envelope.inbound(holder, id, who));
        attached.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(id, link);
        return link;
    }

    /** A connection here attached to a room on another node: what it sends is published for that node. */
    private final class Attached implements RoomPort {
        final UUID sessionId;
        final String id;
        final String holder;
        final Peer peer;
        final Buffer head;
        final AtomicLong queued = new AtomicLong();

        Attached(UUID sessionId, String id, String holder, Peer peer, Buffer head) {
            this.sessionId = sessionId;
            this.id = id;
            this.holder = holder;
            this.peer = peer;
            this.head = head;
        }

        @Override
        public void receive(Peer from, Participant who, Inbound in, Buffer frame) {
            // the room cannot be reached (Redis away, or the publish failed): reconnect, maybe elsewhere
            publish(sessionId, head.copy().appendBuffer(frame), () -> {}, () -> drop(CloseCode.GOING_AWAY));
        }

        @Override
        public void closed(Peer from, int clientCode) {
            Map<String, Attached> links = attached.get(sessionId);
            if (links != null && links.remove(id) != null) {
                publish(sessionId, Envelope.gone(holder, id, clientCode), () -> {});
            }
        }

        /** A frame from the room: written to the socket, which is closed if it stops reading. */
        void deliver(Buffer frame) {
            long waiting = queued.addAndGet(frame.length());
            if (waiting > config.attachedQueueBytes()) {
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

    /** A connection on another node attached to a room here: the room's frames for it are published. */
    private final class RemotePeer implements Peer {
        final UUID sessionId;
        final String id;
        final Buffer head;
        final String node;

        RemotePeer(UUID sessionId, String id, String node) {
            this.sessionId = sessionId;
            this.id = id;
            this.node = node;
            this.head = Envelope.outbound(node, id);
        }

        @Override
        public void send(Buffer frame, Runnable written) {
            publish(sessionId, head.copy().appendBuffer(frame), written, () -> {
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
            Map<String, RemotePeer> peers = remotes.get(sessionId);
            if (peers != null) {
                peers.remove(id, this);
            }
            publish(sessionId, Envelope.close(node, id, code.code()), () -> {});
        }

        @Override
        public String toString() {
            return id + "@" + sessionId;
        }
    }

    // --- session end ----------------------------------------------------------------------------------------------

    /**
     * A session ended on this node (REST or expiry): its room is ended where it lives. Here if it is here (or nowhere
     * alive), else on its node, told over the session's channel.
     */
    void finished(@Observes SessionFinished event) {
        String status = event.status().name().toLowerCase();
        finished(event.sessionId(), status, () -> rooms.endHere(event.sessionId(), status));
        publishToSignaling(event.sessionId());
    }

    /**
     * Tells standalone signaling servers (SessionEndSubscriber, TANDEM_SIGNALING_REDIS_URL) that the session ended,
     * so they close its call (4409) and refuse its tokens. Fire and forget: a server not listening right now misses it.
     */
    private void publishToSignaling(UUID sessionId) {
        RedisConnection pub = publisher;
        if (!enabled || pub == null) {
            return;
        }
        pub.send(Request.cmd(Command.PUBLISH).arg(SessionEndSubscriber.CHANNEL).arg(sessionId.toString()))
                .onFailure(e -> note("publish", e));
    }

    private void finished(UUID sessionId, String status, Runnable endHere) {
        if (!enabled || rooms.existing(sessionId) != null) {
            endHere.run();
            if (enabled) {
                publish(sessionId, Envelope.end(status), () -> {});
            }
            return;
        }
        send(Request.cmd(Command.EVAL).arg(HOLDER).arg(1).arg(claimKey(sessionId)).arg(NODE_KEY)).onComplete(ar -> {
            String holder = ar.succeeded() && ar.result() != null ? ar.result().toString() : null;
            if (holder == null || holder.equals(node)) {
                endHere.run();
            }
            publish(sessionId, Envelope.end(status), () -> {});
        });
    }

    // --- messages from the channels -----------------------------------------------------------------------------

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
                Map<String, RemotePeer> peers = remotes.get(sessionId);
                RemotePeer peer = peers == null ? null : peers.remove(e.connection());
                Room room = rooms.existing(sessionId);
                if (peer != null && room != null) {
                    room.closed(peer, e.code());
                }
            }
            case Envelope.OUT -> withAttached(sessionId, e.connection(), a -> a.deliver(e.frame()));
            case Envelope.CLOSE -> withAttached(sessionId, e.connection(), a -> a.drop(closeCode(e.code())));
            case Envelope.END -> {
                if (rooms.existing(sessionId) != null) {
                    rooms.endHere(sessionId, e.status());
                }
            }
            default -> LOG.debugf("Ignored bridge message of kind %s", e.kind());
        }
    }

    /** A frame of a client attached from another node, for the room here (opened if this node holds the claim). */
    private void fromAttached(UUID sessionId, Envelope e) {
        String from = e.connection().substring(0, Math.max(0, e.connection().lastIndexOf('.')));
        RemotePeer peer = remotes.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).computeIfAbsent(e
                .connection(), c -> new RemotePeer(sessionId, c, from));
        Room room = rooms.existing(sessionId);
        if (room == null) {
            if (!claimed.containsKey(sessionId)) {
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

    private void withAttached(UUID sessionId, String connection, Consumer<Attached> action) {
        Map<String, Attached> links = attached.get(sessionId);
        Attached a = links == null ? null : links.get(connection);
        if (a != null) {
            action.accept(a);
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

    // --- heartbeat ----------------------------------------------------------------------------------------------

    /**
     * Every couple of seconds: this node's heartbeat; its rooms' claims renewed (a room another live node has claimed
     * meanwhile, e.g. one opened here while Redis was away, is retired: its clients reconnect and find the holder);
     * claims of rooms that are gone released; attached connections whose room's node died or changed are closed with
     * 1001 so their clients reconnect and resume; channels subscribed for exactly the sessions with someone here.
     */
    void heartbeat() {
        if (stopping) {
            return;
        }
        if (publisher == null || subscriber == null) {
            connect();
            return;
        }
        send(Request.cmd(Command.SET).arg(NODE_KEY + node).arg("1").arg("PX").arg(config.nodeTtl().toMillis()));
        Set<UUID> here = rooms.ids();
        for (UUID id : here) {
            send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1).arg(claimKey(id)).arg(node)
                    .arg(config.claimTtl().toMillis()).arg(NODE_KEY)).onSuccess(holder -> {
                        if (holder != null && holder.toString().equals(node)) {
                            claimed.put(id, System.nanoTime());
                        } else if (holder != null) {
                            LOG.infof("Session %s is held by node %s: retiring the room here", id, holder);
                            claimed.remove(id);
                            rooms.retireHere(id);
                        }
                    });
        }
        long settled = System.nanoTime() - 2 * config.heartbeat().toNanos(); // a claim just made may await its room
        for (Map.Entry<UUID, Long> c : Map.copyOf(claimed).entrySet()) {
            UUID id = c.getKey();
            if (!here.contains(id) && c.getValue() < settled) {
                claimed.remove(id);
                send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(claimKey(id)).arg(node));
            }
        }
        attached.forEach((id, links) -> {
            if (links.isEmpty()) {
                attached.remove(id, links);
                return;
            }
            send(Request.cmd(Command.EVAL).arg(HOLDER).arg(1).arg(claimKey(id)).arg(NODE_KEY)).onSuccess(holder -> {
                for (Attached a : links.values()) {
                    if (holder == null || !holder.toString().equals(a.holder)) {
                        LOG.infof("Session %s: its room's node %s is gone; attached clients reconnect", id, a.holder);
                        a.drop(CloseCode.GOING_AWAY);
                    }
                }
            });
        });
        remotes.forEach((id, peers) -> {
            if (peers.isEmpty()) {
                remotes.remove(id, peers);
            }
        });
        Set<UUID> wanted = new HashSet<>(here);
        wanted.addAll(attached.keySet());
        for (UUID id : Set.copyOf(subscribed)) {
            if (!wanted.contains(id)) {
                subscribed.remove(id);
                RedisConnection s = subscriber;
                if (s != null) {
                    s.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel(id)));
                }
            }
        }
        wanted.forEach(this::subscribe);
    }

    private void subscribe(UUID sessionId) {
        if (subscribed.add(sessionId)) {
            RedisConnection s = subscriber;
            if (s != null) {
                s.send(Request.cmd(Command.SUBSCRIBE).arg(channel(sessionId))).onFailure(e -> note("subscribe", e));
            }
        }
    }

    // --- Redis --------------------------------------------------------------------------------------------------

    private synchronized void connect() {
        if (connecting || stopping || (publisher != null && subscriber != null)) {
            return;
        }
        connecting = true;
        Redis redis = redisClient.get();
        redis.connect().compose(pub -> redis.connect().map(sub -> new RedisConnection[]{pub, sub})).onComplete(ar -> {
            synchronized (this) {
                connecting = false;
            }
            if (ar.failed()) {
                note("connect", ar.cause());
                return;
            }
            RedisConnection pub = ar.result()[0];
            RedisConnection sub = ar.result()[1];
            pub.exceptionHandler(e -> lost(pub, e)).endHandler(v -> lost(pub, null));
            sub.handler(this::onMessage).exceptionHandler(e -> lost(sub, e)).endHandler(v -> lost(sub, null));
            publisher = pub;
            subscriber = sub;
            lastFailure = null;
            LOG.infof("Relay bridge connected to Redis (node %s)", node);
            Set<UUID> channels = Set.copyOf(subscribed);
            subscribed.clear();
            channels.forEach(this::subscribe);
            heartbeat();
        });
    }

    /**
     * Redis went away: cross-node sessions are cut. Connections attached from here are closed with 1001 (their clients
     * reconnect, and get a room here until Redis is back); attached clients of rooms here show as reconnecting.
     */
    private synchronized void lost(RedisConnection which, Throwable e) {
        if (stopping || (which != publisher && which != subscriber)) {
            return;
        }
        note("connection", e);
        RedisConnection pub = publisher;
        RedisConnection sub = subscriber;
        publisher = null;
        subscriber = null;
        if (pub != null && pub != which) {
            pub.close();
        }
        if (sub != null && sub != which) {
            sub.close();
        }
        attached.values().forEach(links -> links.values().forEach(a -> a.drop(CloseCode.GOING_AWAY)));
        remotes.forEach((id, peers) -> {
            Room room = rooms.existing(id);
            peers.values().forEach(p -> {
                if (room != null) {
                    room.closed(p);
                }
            });
            peers.clear();
        });
    }

    private void publish(UUID sessionId, Buffer message, Runnable done) {
        publish(sessionId, message, done, () -> {});
    }

    private void publish(UUID sessionId, Buffer message, Runnable done, Runnable failed) {
        RedisConnection pub = publisher;
        if (pub == null) {
            done.run();
            failed.run();
            return;
        }
        // one connection for every publish: Redis delivers them in the order they were sent
        pub.send(Request.cmd(Command.PUBLISH).arg(channel(sessionId)).arg(message)).onComplete(ar -> {
            done.run();
            if (ar.failed()) {
                note("publish", ar.cause());
                failed.run();
            }
        });
    }

    private Future<Response> send(Request request) {
        RedisConnection pub = publisher;
        return pub != null ? pub.send(request) : redisClient.get().send(request);
    }

    private void note(String what, Throwable e) {
        String failure = what + ": " + (e == null ? "closed" : e.getMessage());
        if (!failure.equals(lastFailure)) {
            LOG.warnf("Relay bridge: Redis %s", failure);
        }
        lastFailure = failure;
    }

    private static String claimKey(UUID sessionId) {
        return PREFIX + "claim:" + sessionId;
    }

    private static String handoverKey(UUID sessionId) {
        return PREFIX + "handover:" + sessionId;
    }

    private static String channel(UUID sessionId) {
        return PREFIX + "session:" + sessionId;
    }
}
