package io.tandem.relay.bridge;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.Room;
import io.tandem.relay.room.RoomRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The connections that cross nodes: this node's clients attached to rooms elsewhere ({@link AttachedPort}), and other
 * nodes' clients attached to rooms here ({@link RemotePeer}), by session and connection id.
 */
final class CrossNode {

    private final Map<UUID, Map<String, AttachedPort>> attached = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, RemotePeer>> remotes = new ConcurrentHashMap<>();
    private final RoomRegistry rooms;

    CrossNode(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    void attach(AttachedPort port) {
        attached.computeIfAbsent(port.sessionId, s -> new ConcurrentHashMap<>()).put(port.id, port);
    }

    /** True if the port was attached (and is not any more). */
    boolean detach(AttachedPort port) {
        Map<String, AttachedPort> links = attached.get(port.sessionId);
        return links != null && links.remove(port.id) != null;
    }

    AttachedPort attached(UUID sessionId, String connection) {
        Map<String, AttachedPort> links = attached.get(sessionId);
        return links == null ? null : links.get(connection);
    }

    /** The remote connection's peer, made on its first frame. */
    RemotePeer remote(UUID sessionId, String connection, Function<String, RemotePeer> make) {
        return remotes.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).computeIfAbsent(connection, make);
    }

    /** The remote connection's peer, no longer known here; null if it was not. */
    RemotePeer gone(UUID sessionId, String connection) {
        Map<String, RemotePeer> peers = remotes.get(sessionId);
        return peers == null ? null : peers.remove(connection);
    }

    void forget(RemotePeer peer) {
        Map<String, RemotePeer> peers = remotes.get(peer.sessionId);
        if (peers != null) {
            peers.remove(peer.id, peer);
        }
    }

    /** Sessions with an attached client here (their channels stay subscribed). */
    Set<UUID> attachedSessions() {
        return Set.copyOf(attached.keySet());
    }

    /** For each session with attached clients here, those clients; sessions with none left are dropped. */
    void eachAttachedSession(BiConsumer<UUID, Iterable<AttachedPort>> action) {
        attached.forEach((id, links) -> {
            if (links.isEmpty()) {
                attached.remove(id, links);
            } else {
                action.accept(id, links.values());
            }
        });
    }

    /** Sessions whose remote connections have all gone are forgotten. */
    void pruneRemotes() {
        remotes.forEach((id, peers) -> {
            if (peers.isEmpty()) {
                remotes.remove(id, peers);
            }
        });
    }

    /** Sessions with a participant on this node and their room on another, or the other way round. */
    int sessions() {
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

    /** Every client here attached elsewhere is closed with {@code code} (after {@code first}, if not null). */
    void dropAttached(CloseCode code, Consumer<AttachedPort> first) {
        attached.values().forEach(links -> links.values().forEach(a -> {
            if (first != null) {
                first.accept(a);
            }
            a.drop(code);
        }));
    }

    /** Redis is gone: the rooms here hear that their clients on other nodes are (reconnecting). */
    void cutRemotes() {
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
}
