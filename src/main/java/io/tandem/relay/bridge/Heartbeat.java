package io.tandem.relay.bridge;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.RoomRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Every couple of seconds: this node's heartbeat; its rooms' claims renewed (a room another live node has claimed
 * meanwhile, e.g. one opened here while Redis was away, is retired: its clients reconnect and find the holder);
 * claims of rooms that are gone released; attached connections whose room's node died or changed are closed with
 * 1001 so their clients reconnect and resume; channels subscribed for exactly the sessions with someone here. Without
 * Redis it reconnects instead, and the beat after that merges sessions split meanwhile.
 */
final class Heartbeat implements Runnable {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class);

    private final RedisLink redis;
    private final Claims claims;
    private final CrossNode crossNode;
    private final RoomRegistry rooms;
    private final BooleanSupplier stopping;
    /** How long a channel just subscribed for a connection being admitted is kept before its room must exist. */
    private final Duration settle;

    Heartbeat(RedisLink redis, Claims claims, CrossNode crossNode, RoomRegistry rooms, BooleanSupplier stopping,
            Duration every) {
        this.redis = redis;
        this.claims = claims;
        this.crossNode = crossNode;
        this.rooms = rooms;
        this.stopping = stopping;
        this.settle = every.multipliedBy(2);
    }

    @Override
    public void run() {
        if (stopping.getAsBoolean()) {
            return;
        }
        if (!redis.connected()) {
            redis.connect();
            return;
        }
        Set<UUID> here = rooms.ids();
        claims.renew(here, rooms::retireHere);
        crossNode.eachAttachedSession((id, links) -> claims.holder(id).onSuccess(holder -> {
            for (AttachedPort a : links) {
                if (holder == null || !holder.equals(a.holder)) {
                    LOG.infof("Session %s: its room's node %s is gone; attached clients reconnect", id, a.holder);
                    a.drop(CloseCode.GOING_AWAY);
                }
            }
        }));
        crossNode.pruneRemotes();
        Set<UUID> wanted = new HashSet<>(here);
        wanted.addAll(crossNode.attachedSessions());
        redis.subscribeOnly(wanted, settle);
    }
}
