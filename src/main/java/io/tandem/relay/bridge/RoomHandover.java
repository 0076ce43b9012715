package io.tandem.relay.bridge;

import io.smallrye.mutiny.Uni;
import io.tandem.config.BridgeConfig;
import io.tandem.relay.room.Handover;
import io.tandem.relay.room.Room;
import io.tandem.relay.room.RoomRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Rooms moving between nodes without losing their place: a stopping node leaves each room's state in Redis (bounded,
 * expiring) and releases its claims; the node that claims the room next continues from that state, so clients resume
 * by sequence number as if the node had not changed.
 */
final class RoomHandover {

    private static final Logger LOG = Logger.getLogger(RoomHandover.class);

    private final RedisLink redis;
    private final Claims claims;
    private final RoomRegistry rooms;
    private final BridgeConfig config;

    RoomHandover(RedisLink redis, Claims claims, RoomRegistry rooms, BridgeConfig config) {
        this.redis = redis;
        this.claims = claims;
        this.rooms = rooms;
        this.config = config;
    }

    /**
     * Each room held here is handed over (the rooms take no more frames), then this node's claims and heartbeat are
     * released, waiting at most 3 s; the rooms' clients are told to reconnect only after this, so they find the rooms
     * free elsewhere. A room over the handover bound is rebuilt from a fresh snapshot where it goes.
     */
    void handOverAndRelease() {
        List<Future<?>> handed = new ArrayList<>();
        for (UUID id : rooms.ids()) {
            Room room = rooms.existing(id);
            if (room == null || !claims.holds(id)) {
                continue;
            }
            Buffer state = room.handOver().encode();
            if (state.length() > config.handoverMaxBytes()) {
                LOG.infof("Session %s: room state of %d bytes is over the handover bound; clients resync instead", id,
                        state.length());
                continue;
            }
            handed.add(redis.send(Request.cmd(Command.SET).arg(RedisLink.handoverKey(id)).arg(state).arg("PX")
                    .arg(config.handoverTtl().toMillis())));
        }
        try {
            Future.join(handed).transform(v -> claims.releaseAll()).toCompletionStage().toCompletableFuture()
                    .get(3, TimeUnit.SECONDS);
            LOG.infof("Relay bridge: handed over %d room(s) and released this node's claims", handed.size());
        } catch (Exception e) {
            LOG.warnf("Could not hand over this node's rooms in Redis (their claims expire): %s", e.toString());
        }
    }

    /** A room claimed here: if a stopping node handed its state over, the room continues from it. */
    Uni<Void> takeOver(UUID sessionId) {
        return Uni.createFrom().completionStage(() -> redis.send(Request.cmd(Command.GETDEL).arg(RedisLink
                .handoverKey(sessionId))).toCompletionStage()).onItemOrFailure().transform((state, failure) -> {
                    if (failure != null) {
                        redis.note("handover", failure);
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
}
