package io.tandem.video;

import io.tandem.config.TandemConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers a browser gets for one call: the configured STUN URLs, and the configured TURN URLs with a
 * short-lived credential for that participant. Nothing is configured by default: then calls use host candidates only
 * (fine on one network), and no public STUN server learns of our users.
 */
@ApplicationScoped
public class IceServers {

    /** One entry of RTCConfiguration.iceServers. */
    public record Server(List<String> urls, String username, String credential) {}

    /** The list and when its TURN credential expires (null without TURN). */
    public record Answer(List<Server> iceServers, Instant expiresAt) {}

    private final TandemConfig.Ice config;
    private final Clock clock;

    public IceServers(TandemConfig tandem) {
        this.config = tandem.ice();
        this.clock = Clock.systemUTC(); // the TURN server checks the expiry against real time
        if (config.turnUrls().map(l -> !l.isEmpty()).orElse(false)
                && config.turnSecret().map(String::isBlank).orElse(true)) {
            throw new IllegalStateException("tandem.ice.turn-urls is set but tandem.ice.turn-secret is not");
        }
    }

    public Answer forParticipant(String userId) {
        List<Server> servers = new ArrayList<>();
        config.stunUrls().filter(l -> !l.isEmpty()).ifPresent(urls -> servers.add(new Server(urls, null, null)));
        Instant expiresAt = null;
        List<String> turn = config.turnUrls().orElse(List.of());
        if (!turn.isEmpty()) {
            TurnCredentials.Credential c = TurnCredentials.mint(config.turnSecret().orElseThrow(),
                    userId.replace(':', '_'), clock.instant().plus(config.credentialTtl()));
            servers.add(new Server(turn, c.username(), c.password()));
            expiresAt = c.expiresAt();
        }
        return new Answer(List.copyOf(servers), expiresAt);
    }
}
