package io.tandem.relay.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.Inbound;
import io.tandem.relay.protocol.Role;
import io.tandem.staff.Roles;
import io.tandem.staff.logout.SignOut;
import io.tandem.staff.logout.SignOuts;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A staff connection lives as long as its access token: it is closed with 4401 just before the token expires, unless
 * the console sends a renewed token (sys.auth) first, and at once when the identity provider signs that session out
 * (back-channel logout). The renewed token must belong to the same person and still carry the role the connection
 * was admitted with.
 */
@ApplicationScoped
public class StaffTokenWatch {

    /** How long before the token's expiry the connection is closed, so the console renews in time. */
    static final long LEAD_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(StaffTokenWatch.class);

    private final Vertx vertx;
    private final IdentityProviderManager identities;
    private final ObjectMapper json;
    /** Open staff connections, for sign-outs. */
    private final Set<ConnectionPeer> staff = ConcurrentHashMap.newKeySet();

    public StaffTokenWatch(Vertx vertx, IdentityProviderManager identities, ObjectMapper json) {
        this.vertx = vertx;
        this.identities = identities;
        this.json = json;
    }

    /** Starts watching a newly opened connection (staff connections only; others carry no token). */
    void watch(ConnectionPeer peer) {
        StaffToken token = peer.token;
        if (token != null) {
            staff.add(peer);
            schedule(peer, token.expiresAt());
        }
    }

    /** The identity provider signed a staff session out: its connections close now. */
    void signedOut(@Observes SignOut signOut) {
        for (ConnectionPeer peer : staff) {
            StaffToken token = peer.token;
            if (token != null && SignOuts.covers(signOut, token.sid(), token.subject(), token.issuedAt())) {
                LOG.infof("Closing %s: signed out at the identity provider", peer);
                peer.close(CloseCode.UNAUTHENTICATED);
            }
        }
    }

    /** Handles sys.auth {"token": "..."}: on success the connection lives on until the new token's expiry. */
    /**
     * The upgrade request's context as a staff connection keeps it for verifying renewed tokens: only the OIDC tenant
     * it resolved stays in it. The rest (the identity, the deferred identity's operator chain with its captured
     * contexts, the authentication mechanisms' attributes) served the upgrade and would otherwise live as long as
     * the connection, about 4 KB of each staff connection's idle memory.
     */
    static RoutingContext keptForRenewal(RoutingContext upgrade) {
        upgrade.data().keySet().removeIf(key -> !key.contains("tenant") && !key.contains("Tenant"));
        upgrade.clearUser();
        return upgrade;
    }

    void renew(ConnectionPeer peer, Inbound in) {
        String token = token(in);
        if (token == null) {
            LOG.infof("Closing %s: sys.auth without a token", peer);
            peer.close(CloseCode.BAD_MESSAGE);
            return;
        }
        // verified as the upgrade's bearer token was, in the upgrade request's context (the OIDC tenant of the path)
        identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new TokenAuthenticationRequest(
                new AccessTokenCredential(token)), peer.upgrade)).subscribeAsCompletionStage().whenComplete((identity,
                        failure) -> {
                    if (failure != null || identity == null || identity.isAnonymous()) {
                        // never log the token or the failure's message (it may quote the token)
                        LOG.infof("Closing %s: the renewed token was refused", peer);
                        peer.close(CloseCode.UNAUTHENTICATED);
                    } else if (!samePerson(peer.token, StaffToken.of(identity))) {
                        LOG.infof("Closing %s: the renewed token belongs to someone else", peer);
                        peer.close(CloseCode.UNAUTHENTICATED);
                    } else if (!identity.hasRole(requiredRole(peer.admission.participant().role()))) {
                        LOG.infof("Closing %s: the renewed token lacks the role the connection was admitted with",
                                peer);
                        peer.close(CloseCode.FORBIDDEN);
                    } else {
                        StaffToken renewed = StaffToken.of(identity);
                        peer.token = renewed;
                        schedule(peer, renewed == null ? 0 : renewed.expiresAt());
                    }
                });
    }

    /** Stops watching a closed connection. */
    void stop(ConnectionPeer peer) {
        staff.remove(peer);
        cancel(peer);
    }

    private void cancel(ConnectionPeer peer) {
        long timer = peer.expiryTimer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            peer.expiryTimer = -1;
        }
    }

    private void schedule(ConnectionPeer peer, long expiresAtEpochSecond) {
        cancel(peer);
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

    private static boolean samePerson(StaffToken before, StaffToken renewed) {
        return before != null && renewed != null && before.subject() != null && before.subject().equals(renewed
                .subject());
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
