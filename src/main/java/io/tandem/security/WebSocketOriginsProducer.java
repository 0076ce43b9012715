package io.tandem.security;

import io.tandem.config.RelayConfig;
import io.tandem.config.TandemConfig;
import io.tandem.signaling.WebSocketOrigins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The one allow-list of origins that may open WebSockets to this app: the relay's upgrade check and the embedded
 * signaling server both use it. tandem.relay.allowed-origins, or by default the origin of tandem.public-url plus
 * tandem.site.origins.
 */
@ApplicationScoped
public class WebSocketOriginsProducer {

    @Produces
    @Singleton
    WebSocketOrigins webSocketOrigins(RelayConfig relay, TandemConfig tandem) {
        return WebSocketOrigins.of(relay.allowedOrigins().orElseGet(() -> {
            List<String> defaults = new ArrayList<>(List.of(tandem.publicUrl()));
            tandem.site().origins().ifPresent(defaults::addAll);
            return defaults;
        }));
    }
}
