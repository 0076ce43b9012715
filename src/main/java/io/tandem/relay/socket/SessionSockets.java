package io.tandem.relay.socket;

import io.tandem.config.RelayConfig;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.session.SessionFinished;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every relay socket of this node by session, from its opening on, whether or not it has said hello (a room only knows
 * connections that did). A socket without sys.hello by the hello deadline is closed with 4408; when a session ends,
 * every socket of it is closed with 4409, including one opened just after the end from an upgrade admitted before it.
 */
@ApplicationScoped
public class SessionSockets {

    private static final Logger LOG = Logger.getLogger(SessionSockets.class);
    /** How long an ended session is remembered: longer than any upgrade takes from its check to its opening. */
    private static final long ENDED_MEMORY_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Map<UUID, Set<ConnectionPeer>> open = new ConcurrentHashMap<>();
    /** Sessions ended on this node recently, with when (System.nanoTime). */
    private final Map<UUID, Long> ended = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long helloMillis;

    public SessionSockets(Vertx vertx, RelayConfig config) {
        this.vertx = vertx;
        this.helloMillis = Math.max(1, config.helloTimeout().toMillis());
    }

    /** A socket opened: false (and it is closed with 4409) if its session has ended; else its hello deadline runs. */
    boolean opened(ConnectionPeer peer) {
        boolean[] admitted = {false};
        open.compute(peer.admission.sessionId(), (id, peers) -> {
            if (ended.containsKey(id)) {
                return peers;
            }
            Set<ConnectionPeer> set = peers == null ? ConcurrentHashMap.newKeySet() : peers;
            set.add(peer);
            admitted[0] = true;
            return set;
        });
        if (!admitted[0]) {
            LOG.infof("Closing %s: the session has ended", peer);
            peer.close(CloseCode.SESSION_ENDED);
            return false;
        }
        peer.helloTimer = vertx.setTimer(helloMillis, t -> {
            if (!peer.greeted) {
                LOG.infof("Closing %s: no sys.hello within %d ms", peer, helloMillis);
                peer.close(CloseCode.IDLE_TIMEOUT);
            }
        });
        return true;
    }

    /** The socket said hello: from now on the room's idle timeout watches it. */
    void greeted(ConnectionPeer peer) {
        peer.greeted = true;
        vertx.cancelTimer(peer.helloTimer);
    }

    void closed(ConnectionPeer peer) {
        vertx.cancelTimer(peer.helloTimer);
        open.computeIfPresent(peer.admission.sessionId(), (id, peers) -> {
            peers.remove(peer);
            return peers.isEmpty() ? null : peers;
        });
    }

    /** After the room has said goodbye (sys.end, 4409) to its members: whatever is still open of it goes too. */
    void finished(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) SessionFinished event) {
        end(event.sessionId());
    }

    /** Closes every socket of the session with 4409 and refuses its sockets that open from now on. */
    public void end(UUID sessionId) {
        long now = System.nanoTime();
        ended.values().removeIf(at -> now - at > ENDED_MEMORY_NANOS);
        Object[][] closing = {null};
        open.compute(sessionId, (id, peers) -> {
            ended.put(id, now);
            closing[0] = peers == null ? null : peers.toArray();
            return null;
        });
        if (closing[0] != null) {
            for (Object peer : closing[0]) {
                ((ConnectionPeer) peer).close(CloseCode.SESSION_ENDED);
            }
        }
    }

    /** Sockets open on this node (tests and metrics). */
    public int count() {
        return open.values().stream().mapToInt(Set::size).sum();
    }
}
