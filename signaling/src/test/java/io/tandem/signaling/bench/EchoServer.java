package io.tandem.signaling.bench;

import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The anchor of the signaling benchmark: a bare Jetty 12 WebSocket server on the same stack as the signaling server
 * (Jetty core, no servlet, the default thread pool), run in its own JVM with the same options, that sends every text
 * message back on the socket it came from. No token, no Origin check, no parsing, no room: what a relay costs with
 * nothing of Tandem in it. Prints its port the way SignalingMain does.
 */
public final class EchoServer {

    /** The only path; anything else is 404. */
    static final String PATH = "/echo";

    private EchoServer() {}

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("echo");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofSeconds(30));
            container.setMaxTextMessageSize(128 * 1024);
            container.addMapping(PATH, (request, response, callback) -> new Echo());
        }));
        server.start();
        System.out.println("Echo server listening on port " + connector.getLocalPort());
        server.join();
    }

    /** Sends each message back; reads the next one once the echo is written (one write outstanding). */
    public static final class Echo implements Session.Listener {

        private volatile Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            session.demand();
        }

        @Override
        public void onWebSocketText(String message) {
            Session s = session;
            s.sendText(message, Callback.from(s::demand, failure -> s.close()));
        }
    }
}
