package io.tandem.video;

import io.quarkus.scheduler.Scheduled;
import io.tandem.config.BridgeConfig;
import io.tandem.config.TandemConfig;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.signaling.ends.OriginsFollower;
import io.tandem.site.SiteOrigins;
import io.tandem.site.SiteOriginsChanged;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Tells standalone signaling servers (tandem.signaling.embedded=false, relay bridge on) which pages may open signaling
 * sockets now: the origins of {@link SiteOrigins} (Tandem's own, the configured sites, those added at run time) go to
 * the Redis key {@value OriginsFollower#KEY} at once when they change and again every 5 s, expiring after
 * {@link #TTL} unless renewed; the servers read it ({@link OriginsFollower}). Every node writes the same snapshot, read
 * from PostgreSQL within 5 s of a change.
 */
@ApplicationScoped
public class SignalingOrigins {

    static final Duration TTL = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(SignalingOrigins.class);

    private final boolean enabled;
    private final SiteOrigins origins;
    private final Instance<Redis> redis;
    private volatile boolean failing;

    public SignalingOrigins(TandemConfig tandem, BridgeConfig bridge, SiteOrigins origins, Instance<Redis> redis) {
        this.enabled = !tandem.signaling().embedded() && bridge.enabled();
        this.origins = origins;
        this.redis = redis;
    }

    void changed(@Observes SiteOriginsChanged event) {
        publish(event.webSockets());
    }

    @Scheduled(every = "${tandem.site.origins-reload:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        publish(origins.webSockets());
    }

    private void publish(WebSocketOrigins current) {
        if (!enabled) {
            return;
        }
        String value = current.allowed().stream().sorted().collect(Collectors.joining(","));
        redis.get().send(Request.cmd(Command.SET).arg(OriginsFollower.KEY).arg(value).arg("EX").arg(TTL.toSeconds()))
                .onSuccess(r -> {
                    if (failing) {
                        failing = false;
                        LOG.info("Site origins reach the signaling servers through Redis again");
                    }
                }).onFailure(e -> {
                    if (!failing) {
                        failing = true;
                        LOG.warnf("Could not hand the site origins to the signaling servers through Redis (%s);"
                                + " retrying every 5 s", e.toString());
                    }
                });
    }
}
