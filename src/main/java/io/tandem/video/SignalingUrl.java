package io.tandem.video;

import io.tandem.config.TandemConfig;
import io.tandem.security.Origins;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;

/**
 * Where browsers reach the signaling server: tandem.signaling.public-url, or by default ws:// (wss:// behind https)
 * on the host of tandem.public-url at the embedded server's port.
 */
@ApplicationScoped
public class SignalingUrl {

    private final String base;

    public SignalingUrl(TandemConfig config) {
        this.base = config.signaling().publicUrl().map(u -> u.replaceAll("/+$", "")).orElseGet(() -> {
            URI pub = URI.create(config.publicUrl());
            String scheme = "https".equals(pub.getScheme()) ? "wss" : "ws";
            return scheme + "://" + pub.getHost() + ":" + config.signaling().port();
        });
    }

    /** ws(s)://host:port/signal/{sessionId} */
    public String forSession(UUID sessionId) {
        return base + "/signal/" + sessionId;
    }

    /** scheme://host:port of the signaling server, as CSP connect-src wants it. */
    public String origin() {
        return Origins.of(base);
    }
}
