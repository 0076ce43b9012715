package io.tandem.signaling;

import java.time.Duration;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The WebRTC signaling server on Jetty 12 core (no servlet): {@code GET /healthz} for probes and the WebSocket
 * {@code /signal/{id}}. Skeleton behaviour of the WebSocket: an upgrade without a {@code token} query parameter is
 * refused with HTTP 401; with one (not yet verified) it is accepted and closed at once with 4501
 * ({@link SignalingCloseCode#NOT_IMPLEMENTED}). Anything else is 404.
 */
public final class SignalingServer {

    /** How long stop() lets in-flight requests finish; well inside Kubernetes' default 30 s grace period. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;

    public SignalingServer(SignalingConfig config) {
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
            container.setMaxTextMessageSize(config.maxMessageBytes());
            container.setMaxBinaryMessageSize(config.maxMessageBytes());
            // An explicit UriTemplatePathSpec: addMapping(String) reads "/signal/{id}" as a literal path (404).
            container.addMapping(new UriTemplatePathSpec("/signal/{id}"), new SignalUpgrade());
        });
        // Rooms arrive with signaling itself; until then there are none to report.
        webSockets.setHandler(new HealthHandler(() -> 0));
        server.setHandler(new GracefulHandler(webSockets));
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

    /** Stops accepting connections, lets in-flight requests finish (up to {@link #STOP_TIMEOUT}), then closes. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Signaling server did not stop cleanly", e);
        }
    }

    /** The port actually bound (useful with port 0), or -1 when not running. */
    public int port() {
        return connector.isOpen() ? connector.getLocalPort() : -1;
    }
}
