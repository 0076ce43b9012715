package io.tandem.relay.bridge;

import io.tandem.config.BridgeConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Which node holds which room: a claim per session in Redis, taken by the first node a participant reaches, valid
 * while renewed and while its node's heartbeat key lives. A claim of a dead node (no heartbeat) is anyone's to take.
 */
final class Claims {

    private static final Logger LOG = Logger.getLogger(Claims.class);
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

    private final RedisLink redis;
    private final BridgeConfig config;
    private final String node;
    /** Rooms of this node claimed in Redis, with when (renewed on every heartbeat, released when the room goes). */
    private final Map<UUID, Long> claimed = new ConcurrentHashMap<>();

    Claims(RedisLink redis, BridgeConfig config, String node) {
        this.redis = redis;
        this.config = config;
        this.node = node;
    }

    /** Whether this node holds the session's room (as far as it knows). */
    boolean holds(UUID sessionId) {
        return claimed.containsKey(sessionId);
    }

    /** Claims the room unless a live node holds it; the holder, this node if it got it. */
    Future<String> claim(UUID sessionId) {
        return redis.send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1).arg(RedisLink.claimKey(sessionId)).arg(node)
                .arg(config.claimTtl().toMillis()).arg(RedisLink.NODE_KEY)).map(holder -> {
                    String h = holder == null ? null : holder.toString();
                    if (node.equals(h)) {
                        claimed.put(sessionId, System.nanoTime());
                    }
                    return h;
                });
    }

    /** The live node holding the room, or null. */
    Future<String> holder(UUID sessionId) {
        return redis.send(Request.cmd(Command.EVAL).arg(HOLDER).arg(1).arg(RedisLink.claimKey(sessionId))
                .arg(RedisLink.NODE_KEY)).map(h -> h == null ? null : h.toString());
    }

    /**
     * The heartbeat's part: this node's heartbeat key; the claims of the rooms {@code here} renewed, and those another
     * live node has claimed meanwhile (one opened here while Redis was away) handed to {@code retire}; claims of rooms
     * that are gone released.
     */
    void renew(Set<UUID> here, Consumer<UUID> retire) {
        redis.send(Request.cmd(Command.SET).arg(RedisLink.NODE_KEY + node).arg("1").arg("PX")
                .arg(config.nodeTtl().toMillis()));
        for (UUID id : here) {
            claim(id).onSuccess(holder -> {
                if (holder != null && !holder.equals(node)) {
                    LOG.infof("Session %s is held by node %s: retiring the room here", id, holder);
                    claimed.remove(id);
                    retire.accept(id);
                }
            });
        }
        long settled = System.nanoTime() - 2 * config.heartbeat().toNanos(); // a claim just made may await its room
        for (Map.Entry<UUID, Long> c : Map.copyOf(claimed).entrySet()) {
            UUID id = c.getKey();
            if (!here.contains(id) && c.getValue() < settled) {
                claimed.remove(id);
                release(id);
            }
        }
    }

    private Future<Response> release(UUID sessionId) {
        return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(RedisLink.claimKey(sessionId)).arg(node));
    }

    /** Leaving: every claim of this node released, then its heartbeat key, so other nodes may take the rooms now. */
    Future<?> releaseAll() {
        return Future.join(claimed.keySet().stream().map(id -> (Future<?>) release(id)).toList())
                .transform(v -> redis.send(Request.cmd(Command.DEL).arg(RedisLink.NODE_KEY + node)));
    }
}
