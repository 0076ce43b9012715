package io.tandem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Outbound webhooks (docs/integration.md, "Webhooks"): who may be a target, how often and how long deliveries retry. */
@ConfigMapping(prefix = "tandem.webhooks")
public interface WebhookConfig {

    /** Run the delivery worker on this node (every node may; claims keep them apart). Default true. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Hosts (exact names, e.g. crm.internal.example) and address ranges in CIDR notation (10.1.2.0/24, ::1/128) that
     * may be webhook targets although they are private, loopback, link-local, unique-local or multicast. Default none.
     */
    Optional<List<String>> allow();

    /** How often the worker looks for due deliveries. Default 1s. */
    @WithDefault("1s")
    String pollInterval();

    /** Time to open a connection to a receiver. Default 5s. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time from sending a delivery to the end of the receiver's answer, connection included. Default 15s. */
    @WithDefault("15s")
    Duration responseTimeout();

    /** Deliveries in flight to one endpoint from one node; a slow receiver holds only its own. Default 4. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** Upper bound of the first retry's delay (full jitter: a random delay between zero and the bound). Default 10s. */
    @WithDefault("10s")
    Duration retryInitial();

    /** Largest bound a retry's delay doubles up to. Default 1h. */
    @WithDefault("1h")
    Duration retryMaxInterval();

    /** How long a delivery is retried before it becomes a dead letter (at least 24 hours in production). Default 25h. */
    @WithDefault("25h")
    Duration retryWindow();

    /** Delivered events are deleted this long after they were created (dead letters stay). Default 30d. */
    @WithDefault("30d")
    Duration keepDelivered();
}
