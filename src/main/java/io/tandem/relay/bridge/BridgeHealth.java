package io.tandem.relay.bridge;

import io.smallrye.health.api.Wellness;
import io.tandem.relay.router.RoomRouter;
import io.tandem.relay.router.RouterStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The multi-node relay's state, at /q/health/well (and in /q/health): DOWN while Redis is unreachable with the bridge
 * on, that is while sessions whose participants are on different nodes are cut (degraded). Not a readiness check on
 * purpose: sessions with everyone on one node keep working, so a Redis outage must not take every node out of the
 * load balancer.
 */
@Wellness
@ApplicationScoped
public class BridgeHealth implements HealthCheck {

    private final RoomRouter router;

    public BridgeHealth(RoomRouter router) {
        this.router = router;
    }

    @Override
    public HealthCheckResponse call() {
        RouterStatus status = router.status();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("relay-bridge").withData("enabled", status
                .multiNode());
        if (!status.multiNode()) {
            return r.up().withData("mode", "single node").build();
        }
        r.withData("node", status.node()).withData("crossNodeSessions", status.crossNodeSessions());
        if (status.connected()) {
            return r.up().build();
        }
        return r.down().withData("mode", "degraded: sessions across nodes are cut until Redis returns")
                .withData("redis", String.valueOf(status.lastFailure())).build();
    }
}
