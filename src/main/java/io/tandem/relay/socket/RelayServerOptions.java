package io.tandem.relay.socket;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.tandem.config.RelayConfig;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The HTTP server's WebSocket options for the relay: the tandem.v1 subprotocol, and the transport bound, twice the
 * largest snapshot (plus room for its header), so a message just over its own limit reaches the relay and gets the
 * documented 4413 while a frame far beyond is refused from its header before any of it is read. Browsers send a whole
 * message as one frame, so frames may be as large as messages (Vert.x defaults to 64 KiB).
 */
@ApplicationScoped
public class RelayServerOptions implements HttpServerOptionsCustomizer {

    private final RelayConfig config;

    public RelayServerOptions(RelayConfig config) {
        this.config = config;
    }

    /** The largest frame and message the transport reads. */
    public static int transportBound(RelayConfig config) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 2L * config.maxSnapshotBytes() + 1024);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        customize(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customize(options);
    }

    private void customize(HttpServerOptions options) {
        int bound = transportBound(config);
        options.addWebSocketSubProtocol(SubprotocolFilter.PROTOCOL).setMaxWebSocketFrameSize(bound)
                .setMaxWebSocketMessageSize(bound);
    }
}
