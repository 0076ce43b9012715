package io.tandem.relay.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.WebSocketSecurity;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.Role;
import io.tandem.staff.Roles;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * A staff connection lives as long as its access token: it is closed with 4401 just before the token expires, unless
 * the console sends a renewed token (sys.auth) first. The renewed token must belong to the same person and still
 * carry the role the connection was admitted with. Quarkus itself closes an expired identity's socket with 1008 at
 * the token's expiry; this closes it a moment earlier with the relay's documented code, and a renewal moves both.
 */
@ApplicationScoped
public class StaffTokenWatch {

    /** The identity attribute in which Quarkus keeps a token's expiry (epoch seconds). */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";
    /** How long before the token's expiry the connection is closed (before Quarkus' own 1008 close). */
    static final long LEAD_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(StaffTokenWatch.class);

    private final Vertx vertx;
    private final WebSocketSecurity security;
    private final ObjectMapper json;

    public StaffTokenWatch(Vertx vertx, WebSocketSecurity security, ObjectMapper json) {
        this.vertx = vertx;
        this.security = security;
        this.json = json;
    }

    /** The expiry (epoch seconds) of a token-based identity, or 0 when it has none (customer and stage credentials). */
    static long expiryOf(SecurityIdentity identity) {
        Object expiry = identity.getAttribute(EXPIRE_TIME);
        return expiry instanceof Number n ? n.longValue() : 0;
    }

    /** Starts watching a newly opened connection. */
    void watch(ConnectionPeer peer) {
        schedule(peer, peer.admission.tokenExpiresAt());
    }

    /** Handles sys.auth {"token": "..."}: on success the connection lives on until the new token's expiry. */
    void renew(ConnectionPeer peer, Inbound in) {
        String token = token(in);
        if (token == null) {
            LOG.infof("Closing %s: sys.auth without a token", peer);
            peer.close(CloseCode.BAD_MESSAGE);
            return;
        }
        security.updateSecurityIdentity(token).whenComplete((identity, failure) -> {
            if (failure != null || identity == null || identity.isAnonymous()) {
                // never log the token or the failure's message (it may quote the token)
                LOG.infof("Closing %s: the renewed token was refused", peer);
                peer.close(CloseCode.UNAUTHENTICATED);
            } else if (!identity.hasRole(requiredRole(peer.admission.participant().role()))) {
                LOG.infof("Closing %s: the renewed token lacks the role the connection was admitted with", peer);
                peer.close(CloseCode.FORBIDDEN);
            } else {
                schedule(peer, expiryOf(identity));
            }
        });
    }

    /** Stops watching a closed connection. */
    void stop(ConnectionPeer peer) {
        long timer = peer.expiryTimer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            peer.expiryTimer = -1;
        }
    }

    private void schedule(ConnectionPeer peer, long expiresAtEpochSecond) {
        stop(peer);
        if (expiresAtEpochSecond <= 0) {
            return;
        }
        long delay = Math.max(1, expiresAtEpochSecond * 1000 - LEAD_MILLIS - System.currentTimeMillis());
        peer.expiryTimer = vertx.setTimer(delay, id -> {
            if (peer.expiryTimer == id) {
                peer.expiryTimer = -1;
                LOG.infof("Closing %s: the staff token expired", peer);
                peer.close(CloseCode.UNAUTHENTICATED);
            }
        });
    }

    private static String requiredRole(Role role) {
        return role == Role.SUPERVISOR ? Roles.SUPERVISOR : Roles.ADVISOR;
    }

    private String token(Inbound in) {
        try {
            JsonNode node = json.readTree(in.payload().toString(StandardCharsets.UTF_8));
            JsonNode token = node == null ? null : node.get("token");
            return token != null && token.isTextual() && !token.asText().isBlank() ? token.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
