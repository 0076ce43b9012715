package io.tandem.relay.bridge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Redis router's two connections: one that publishes (and sends commands) in order, one subscribed to the
 * channels of the sessions with someone on this node. Reconnects on request; reports the last failure once.
 */
final class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);
    static final String PREFIX = "tandem:relay:";
    static final String NODE_KEY = PREFIX + "node:";

    private final Supplier<Redis> redisClient;
    private final String node;
    private final Consumer<Response> onMessage;
    private final Runnable onConnected;
    private final Runnable onLost;
    /** The sessions whose channels are subscribed (or asked for): when, and Redis' confirmation. */
    private final Map<UUID, Subscription> subscribed = new ConcurrentHashMap<>();

    private record Subscription(long since, Future<Void> confirmed) {}
    private volatile RedisConnection publisher;
    private volatile RedisConnection subscriber;
    private volatile boolean connecting;
    private volatile boolean stopping;
    private volatile String lastFailure;

    RedisLink(Supplier<Redis> redisClient, String node, Consumer<Response> onMessage, Runnable onConnected,
            Runnable onLost) {
        this.redisClient = redisClient;
        this.node = node;
        this.onMessage = onMessage;
        this.onConnected = onConnected;
        this.onLost = onLost;
    }

    static String claimKey(UUID sessionId) {
        return PREFIX + "claim:" + sessionId;
    }

    static String handoverKey(UUID sessionId) {
        return PREFIX + "handover:" + sessionId;
    }

    static String channel(UUID sessionId) {
        return PREFIX + "session:" + sessionId;
    }

    boolean connected() {
        return publisher != null && subscriber != null;
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Leaving: no reconnecting, and a lost connection is nothing to act on any more. */
    void stop() {
        stopping = true;
    }

    synchronized void connect() {
        if (connecting || stopping || connected()) {
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
            sub.handler(onMessage::accept).exceptionHandler(e -> lost(sub, e)).endHandler(v -> lost(sub, null));
            publisher = pub;
            subscriber = sub;
            lastFailure = null;
            LOG.infof("Relay bridge connected to Redis (node %s)", node);
            Set<UUID> channels = Set.copyOf(subscribed.keySet());
            subscribed.clear();
            channels.forEach(this::subscribe);
            onConnected.run();
        });
    }

    /** Redis went away: both connections are dropped (and reopened by the next heartbeat); the router is told. */
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
        onLost.run();
    }

    /**
     * Subscribes to the session's channel unless it is already; completes once Redis has confirmed a new subscription
     * (at once when already subscribed or not connected), so a claim taken after it is never visible to other nodes
     * before this node hears the channel.
     */
    Future<Void> subscribe(UUID sessionId) {
        Subscription existing = subscribed.get(sessionId);
        if (existing != null) {
            return existing.confirmed();
        }
        RedisConnection s = subscriber;
        Future<Void> confirmed = s == null
                ? Future.succeededFuture()
                : s.send(Request.cmd(Command.SUBSCRIBE).arg(
                        channel(sessionId))).onFailure(e -> note("subscribe", e)).<Void>mapEmpty().otherwiseEmpty();
        existing = subscribed.putIfAbsent(sessionId, new Subscription(System.nanoTime(), confirmed));
        return existing == null ? confirmed : existing.confirmed();
    }

    /**
     * Channels subscribed for exactly the sessions in {@code wanted}, but for those asked for less than {@code settle}
     * ago: a connection being admitted subscribes before its room or attachment exists, and the heartbeat that looked
     * at the rooms a moment earlier must not take its channel away (a frame published meanwhile would be lost).
     */
    void subscribeOnly(Set<UUID> wanted, Duration settle) {
        long settled = System.nanoTime() - settle.toNanos();
        for (Map.Entry<UUID, Subscription> s : Map.copyOf(subscribed).entrySet()) {
            UUID id = s.getKey();
            if (!wanted.contains(id) && s.getValue().since() < settled && subscribed.remove(id, s.getValue())) {
                RedisConnection c = subscriber;
                if (c != null) {
                    c.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel(id)));
                }
            }
        }
        wanted.forEach(this::subscribe);
    }

    void publish(UUID sessionId, Buffer message, Runnable done) {
        publish(sessionId, message, done, () -> {});
    }

    /** Publishes on the session's channel; {@code failed} runs (after {@code done}) if it did not reach Redis. */
    void publish(UUID sessionId, Buffer message, Runnable done, Runnable failed) {
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

    /** Publishes on another channel than a session's, if connected; fire and forget. */
    void publishTo(String channel, String message) {
        RedisConnection pub = publisher;
        if (pub != null) {
            pub.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).onFailure(e -> note("publish", e));
        }
    }

    Future<Response> send(Request request) {
        RedisConnection pub = publisher;
        return pub != null ? pub.send(request) : redisClient.get().send(request);
    }

    void note(String what, Throwable e) {
        String failure = what + ": " + (e == null ? "closed" : e.getMessage());
        if (!failure.equals(lastFailure)) {
            LOG.warnf("Relay bridge: Redis %s", failure);
        }
        lastFailure = failure;
    }
}
