package io.tandem.relay.router;

import io.tandem.session.SessionSeatChanged;
import io.tandem.relay.room.RoomChange;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tandem.config.BridgeConfig;
import io.tandem.session.SessionFinished;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Chooses the router once, from tandem.relay.bridge.enabled: the {@link MultiNode} one (Redis) when on, the
 * {@link LocalRouter} otherwise; and tells the one chosen of the application's lifecycle: startup, sessions ending
 * and shutdown.
 */
@ApplicationScoped
public class Routing {

    @Produces
    @ApplicationScoped
    RoomRouter router(BridgeConfig config, LocalRouter local, @MultiNode Instance<RoomRouter> multiNode) {
        return config.enabled() ? multiNode.get() : local;
    }

    void start(@Observes StartupEvent event, RoomRouter router) {
        router.start();
    }

    void finished(@Observes SessionFinished event, RoomRouter router) {
        router.ended(event.sessionId(), event.status().name().toLowerCase());
    }

    void seatChanged(@Observes SessionSeatChanged event, RoomRouter router) {
        RoomChange.Kind kind = switch (event.change()) {
            case OWNER -> RoomChange.Kind.OWNER;
            case STEPPED_IN -> RoomChange.Kind.STEPPED_IN;
            case STEPPED_OUT -> RoomChange.Kind.STEPPED_OUT;
        };
        router.changed(event.sessionId(), new RoomChange(kind, event.personId(), event.name(), event.team()));
    }

    /**
     * On SIGTERM readiness goes DOWN for quarkus.shutdown.delay; part way into it (half, at most 1 s: load balancers
     * have seen the node go unready) the router leaves while the sockets are still open, so their clients move on at
     * once. Without a delay it leaves on shutdown.
     */
    void delayStarted(@Observes ShutdownDelayInitiatedEvent event, RoomRouter router) {
        Duration delay = ConfigProvider.getConfig().getOptionalValue("quarkus.shutdown.delay", Duration.class)
                .orElse(Duration.ZERO);
        long wait = Math.min(1000, delay.toMillis() / 2);
        Thread mover = new Thread(() -> {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            router.leave();
        }, "tandem-relay-move");
        mover.setDaemon(true);
        mover.start();
    }

    /** Before RoomRegistry writes the counters (its own ShutdownEvent observer runs later). */
    void stop(@Observes @Priority(1) ShutdownEvent event, RoomRouter router) {
        router.leave();
    }
}
