package io.tandem.signaling;

import io.tandem.signaling.ends.RoomRouter;
import io.tandem.signaling.message.MessageCodec;
import io.tandem.signaling.room.CallListener;
import io.tandem.signaling.room.EndedSessions;
import io.tandem.signaling.room.Rooms;
import io.tandem.signaling.socket.SignalUpgrade;
import io.tandem.signaling.socket.TokenCheckHandler;
import io.tandem.signaling.token.TokenKeys;
import io.tandem.signaling.token.TokenVerifier;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebRTC signaling server on Jetty 12 core (no servlet): {@code GET /healthz} for probes and the WebSocket
 * {@code /signal/{sessionId}} (protocol in docs/protocol.md). Embedded, the app hands over its token keys with
 * {@link TokenKeys#of}; standalone, {@link SignalingMain} reads them from a JWKS URL. Anything else is 404.
 */
public final class SignalingServer {

    /** How long stop() lets in-flight requests finish; well inside Kubernetes' default 30 s grace period. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final Rooms rooms;
    private final LiveOrigins origins;

    public SignalingServer(SignalingConfig config, TokenKeys keys) {
        this(config, keys, CallListener.NONE);
    }

    /** As above, telling {@code calls} the length of every call that ends (the app's touchpoint counter). */
    public SignalingServer(SignalingConfig config, TokenKeys keys, CallListener calls) {
        this(config, keys, calls, null);
    }

    /**
     * As above, one of several replicas: {@code router} (null: none) says which replica holds a session's room, and a
     * socket for a room held elsewhere is relayed there.
     */
    public SignalingServer(SignalingConfig config, TokenKeys keys, CallListener calls, RoomRouter router) {
        MessageCodec codec = new MessageCodec();
        rooms = new Rooms(codec, calls, new EndedSessions(), config.maxMediaPeers());
        if (router != null) {
            rooms.onRetired(router::release);
            router.heldHere(rooms::holds);
        }
        TokenVerifier verifier = new TokenVerifier(config.issuer(), keys);
        origins = new LiveOrigins(config.allowedOrigins());
        SignalUpgrade upgrade = new SignalUpgrade(verifier, rooms, codec, config, origins, router);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("signaling");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(config.port());
        server.addConnector(connector);

        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(config.idleTimeout());
            // The endpoint counts message bytes itself (fragment by fragment) to close with 4413; Jetty's own limits
            // sit above it as a backstop and would close with 1009.
            container.setMaxTextMessageSize(2 * config.maxMessageBytes());
            container.setMaxBinaryMessageSize(2 * config.maxMessageBytes());
            // An explicit UriTemplatePathSpec: addMapping(String) reads "/signal/{id}" as a literal path (404).
            container.addMapping(SignalUpgrade.PATH, upgrade);
        });
        webSockets.setHandler(new HealthHandler(rooms::size));
        server.setHandler(new GracefulHandler(new TokenCheckHandler(verifier, origins,
                config.tokenCheckThreads(), config.tokenCheckQueue(), webSockets)));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        // The owner decides when to stop (SignalingMain's hook, or the app's lifecycle), never Jetty's own hook.
        server.setStopAtShutdown(false);
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException(
                    "Signaling server failed to start on port " + connector.getPort(), e);
            try {
                server.stop(); // releases whatever did start, e.g. the thread pool
            } catch (Exception cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * Closes every signaling socket with 1001 (clients reconnect elsewhere with a fresh token), stops accepting
     * connections, lets in-flight requests finish (up to {@link #STOP_TIMEOUT}), then closes. Safe to repeat.
     */
    public void stop() {
        rooms.closeAll(SignalingCloseCode.GOING_AWAY);
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Signaling server did not stop cleanly", e);
        }
    }

    /** Replaces the origin allow-list for upgrades from now on (the app's site origins changed at run time). */
    public void allowOrigins(WebSocketOrigins allowed) {
        origins.replace(allowed);
    }

    /**
     * The app ended this session: its sockets are closed with 4409 ("session ended") and for the next 15 minutes its
     * tokens are refused (HTTP 410 at the upgrade), longer than any token lives. Safe to call for a session with no
     * room here, and more than once.
     */
    public void endSession(String sessionId) {
        rooms.end(sessionId);
    }

    /**
     * The app ended this participant's place in the session's conversation (a supervisor stepped back out): their media
     * connection closes with 4403 and their media tokens are refused (4403) until {@link #startSeat}; they may still
     * watch with an observer's token. Safe to call when they have no connection here, and more than once.
     */
    public void endSeat(String sessionId, String participantId) {
        rooms.seatEnded(sessionId, participantId);
    }

    /** The app gave the participant a place in the session's conversation again (a supervisor stepped back in). */
    public void startSeat(String sessionId, String participantId) {
        rooms.seatStarted(sessionId, participantId);
    }

    /** The port actually bound (useful with port 0), or -1 when not running. */
    public int port() {
        return connector.isOpen() ? connector.getLocalPort() : -1;
    }

    /** Rooms with at least one connected peer. */
    public int rooms() {
        return rooms.size();
    }
}
