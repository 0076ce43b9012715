package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.signaling.ends.RoomRouter;
import io.tandem.signaling.room.CallListener;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.token.TestTokens;
import io.tandem.signaling.token.TokenKeys;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A signaling server on a free port with a token key made for the test, and a WebSocket client to reach it. Unless
 * the test's configuration lists allowed origins, {@value #ORIGIN} is the one allowed, and every upgrade the harness
 * makes comes from it (as a browser's would, from the app's page).
 */
public final class SignalingHarness implements AutoCloseable {

    public static final String ORIGIN = "https://tandem.test";

    final TestTokens tokens = new TestTokens();
    final SignalingServer server;
    final WebSocketClient client = new WebSocketClient();

    public SignalingHarness(SignalingConfig config) {
        this(config, null);
    }

    /** With other keys than the harness' own (null: the harness' token key). */
    public SignalingHarness(SignalingConfig config, TokenKeys keys) {
        this(config, keys, CallListener.NONE, null);
    }

    /** One of several replicas: calls reported to {@code calls}, rooms routed by {@code router}. */
    public SignalingHarness(SignalingConfig config, TokenKeys keys, CallListener calls, RoomRouter router) {
        SignalingConfig withOrigin = config.allowedOrigins().isEmpty()
                ? config.withAllowedOrigins(WebSocketOrigins.of(List.of(ORIGIN)))
                : config;
        server = new SignalingServer(withOrigin, keys == null ? tokens.tokenKeys() : keys, calls, router);
        server.start();
        try {
            client.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException(e);
        }
    }

    /** Joins with a freshly minted token; the welcome is left in the queue. */
    public SignalClient join(String sessionId, String subject, Role role) {
        return connect(sessionId, SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                + tokens.mint(sessionId, subject, role));
    }

    /** Joins and consumes the welcome. */
    public SignalClient joined(String sessionId, String subject, Role role) {
        SignalClient peer = join(sessionId, subject, role);
        peer.next("welcome");
        return peer;
    }

    public SignalClient connect(String sessionId, String... protocols) {
        return connect(new WebSocketProbe(), sessionId, protocols);
    }

    public SignalClient connect(Object endpoint, String sessionId, String... protocols) {
        return connectFrom(ORIGIN, endpoint, sessionId, protocols);
    }

    /** Connects with this Origin header (null: none). */
    public SignalClient connectFrom(String origin, Object endpoint, String sessionId, String... protocols) {
        ClientUpgradeRequest request = request(origin, sessionId, protocols);
        try {
            Session session = client.connect(endpoint, request).get(SignalClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            return new SignalClient(session, endpoint instanceof WebSocketProbe p ? p : null);
        } catch (Exception e) {
            throw new IllegalStateException("upgrade failed", e);
        }
    }

    /** The HTTP status that refused the upgrade (fails if it was accepted). */
    public int refusedStatus(String sessionId, String... protocols) {
        return refusedStatusFrom(ORIGIN, sessionId, protocols);
    }

    /** As above, with this Origin header (null: none). */
    public int refusedStatusFrom(String origin, String sessionId, String... protocols) {
        ClientUpgradeRequest request = request(origin, sessionId, protocols);
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(new WebSocketProbe(),
                request).get(SignalClient.WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode();
    }

    public void assertRefused(int status, String sessionId, String token) {
        assertEquals(status, refusedStatus(sessionId, SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + token));
    }

    /** An upgrade request from the origin (null: no Origin header) offering the subprotocols. */
    public ClientUpgradeRequest request(String origin, String sessionId, String... protocols) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri(sessionId));
        request.setSubProtocols(protocols);
        if (origin != null) {
            request.setHeader("Origin", origin);
        }
        return request;
    }

    /** A token for the participant, as the app mints them. */
    public String token(String sessionId, String subject, Role role) {
        return tokens.mint(sessionId, subject, role);
    }

    public URI uri(String sessionIdAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/signal/" + sessionIdAndQuery);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            server.stop();
        }
    }
}
