package io.tandem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The multi-node relay bridge over Redis (docs/protocol.md, "Several nodes"). */
@ConfigMapping(prefix = "tandem.relay.bridge")
public interface BridgeConfig {

    /** On: rooms are claimed in Redis and participants on other nodes attach over pub/sub. Default false. */
    @WithDefault("false")
    boolean enabled();

    /** This node's name in Redis (letters, digits, - _ .). Default: a random one per start. */
    Optional<String> nodeId();

    /** How often this node renews its heartbeat and its rooms' claims, and checks the owners of attached sessions. */
    @WithDefault("2s")
    Duration heartbeat();

    /** A node not heard from for this long is taken for dead: its rooms can be claimed by others. */
    @WithDefault("6s")
    Duration nodeTtl();

    /** Expiry of a room's claim unless renewed by its node. */
    @WithDefault("15s")
    Duration claimTtl();

    /** Bytes waiting to be written to one attached connection before it is closed as a slow consumer. Default 4 MiB. */
    @WithDefault("4194304")
    int attachedQueueBytes();

    /** How long a stopping node's handed-over room state waits in Redis for the next node. */
    @WithDefault("60s")
    Duration handoverTtl();

    /** Largest room state handed over through Redis; larger rooms are rebuilt from a fresh snapshot. Default 16 MiB. */
    @WithDefault("16777216")
    int handoverMaxBytes();
}
