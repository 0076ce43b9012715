package io.tandem.relay.room;

import io.tandem.config.RelayConfig;
import java.time.Duration;

/** The bounds a room enforces, taken from {@link RelayConfig}; a record so rooms can be tested without Quarkus. */
public record RoomLimits(long outboundQueueBytes, Duration slowConsumerGrace, long keyframeIncrementalBytes,
        long replayLogBytes, Duration idleTimeout, Duration reconnectGrace, long annotationLogBytes,
        boolean remoteControl) {

    /** The default annotation bound (512 KiB), for tests that do not care about it. */
    public RoomLimits(long outboundQueueBytes, Duration slowConsumerGrace, long keyframeIncrementalBytes,
            long replayLogBytes, Duration idleTimeout, Duration reconnectGrace) {
        this(outboundQueueBytes, slowConsumerGrace, keyframeIncrementalBytes, replayLogBytes, idleTimeout,
                reconnectGrace, 512 * 1024, true);
    }

    /** Remote control allowed, for tests that do not care about it. */
    public RoomLimits(long outboundQueueBytes, Duration slowConsumerGrace, long keyframeIncrementalBytes,
            long replayLogBytes, Duration idleTimeout, Duration reconnectGrace, long annotationLogBytes) {
        this(outboundQueueBytes, slowConsumerGrace, keyframeIncrementalBytes, replayLogBytes, idleTimeout,
                reconnectGrace, annotationLogBytes, true);
    }

    /** These limits with remote control allowed or not (an admin's setting at the time a room opens). */
    public RoomLimits withRemoteControl(boolean allowed) {
        return allowed == remoteControl
                ? this
                : new RoomLimits(outboundQueueBytes, slowConsumerGrace, keyframeIncrementalBytes, replayLogBytes,
                        idleTimeout, reconnectGrace, annotationLogBytes, allowed);
    }

    public static RoomLimits of(RelayConfig c) {
        return new RoomLimits(c.outboundQueueBytes(), c.slowConsumerGrace(), c.keyframeIncrementalBytes(),
                c.replayLogBytes(), c.idleTimeout(), c.reconnectGrace(), c.annotationLogBytes(), c.remoteControl());
    }
}
