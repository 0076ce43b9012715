package io.tandem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits and timings of the WebSocket relay; every bound the relay enforces is here. */
@ConfigMapping(prefix = "tandem.relay")
public interface RelayConfig {

    /**
     * Origins allowed to open relay sockets, e.g. https://tandem.example.com. Default: the origin of
     * tandem.public-url plus tandem.site.origins. Upgrades without an Origin header are always refused.
     */
    Optional<List<String>> allowedOrigins();

    /** Largest full-snapshot message (dom.snap), in bytes. Default 4 MiB. */
    @WithDefault("4194304")
    int maxSnapshotBytes();

    /** Largest message of any other type, in bytes. Default 256 KiB. */
    @WithDefault("262144")
    int maxMessageBytes();

    /**
     * Messages a participant may send per second on average, over all its sockets on this node; a participant over any
     * of its rates is slowed to it (its sockets are not read for a while), never closed. Default 200.
     */
    @WithDefault("200")
    int messagesPerSecond();

    /** Messages a participant may send in one burst (a reconnect does not refill it). Default 400. */
    @WithDefault("400")
    int messageBurst();

    /**
     * Page messages (dom.snap, dom.mut, dom.nav) a participant may send per second on average, within its message rate:
     * a page batches its changes every 50 ms, scrolls at most ten times a second and sends a canvas at most ten frames a
     * second. Default 100.
     */
    @WithDefault("100")
    int pageMessagesPerSecond();

    /** Page messages a participant may send in one burst. Default 200. */
    @WithDefault("200")
    int pageMessageBurst();

    /** Bytes a participant may send per second on average, over all its sockets on this node. Default 4 MiB. */
    @WithDefault("4194304")
    int bytesPerSecond();

    /** Bytes a participant may send in one burst (at least a snapshot), not refilled by reconnects. Default 12 MiB. */
    @WithDefault("12582912")
    int byteBurst();

    /** Sockets a participant may open per minute on average (each page load and reconnect is one). Default 60. */
    @WithDefault("60")
    int connectsPerMinute();

    /** Sockets a participant may open in one burst. Default 20. */
    @WithDefault("20")
    int connectBurst();

    /**
     * Participants whose sending budgets this node keeps at once (each forgotten once its last socket closed and its
     * budget is full again); a participant beyond is refused (HTTP 429 at the upgrade). Default 100000.
     */
    @WithDefault("100000")
    int maxParticipants();

    /** Bytes queued towards one recipient before it is treated as slow. Default 2 MiB. */
    @WithDefault("2097152")
    int outboundQueueBytes();

    /** How long a recipient may stay slow before it is closed. Default 20 seconds. */
    @WithDefault("20s")
    Duration slowConsumerGrace();

    /**
     * Incremental bytes kept after the last snapshot before a fresh snapshot is requested (as relayed; the keyframe holds
     * them deflated). Default 2 MiB.
     */
    @WithDefault("2097152")
    int keyframeIncrementalBytes();

    /** Reliable frames kept for resume by sequence number, in bytes per session as relayed (held deflated). Default 1 MiB. */
    @WithDefault("1048576")
    int replayLogBytes();

    /** Annotation frames kept per session for late joiners, in bytes (oldest dropped beyond). Default 512 KiB. */
    @WithDefault("524288")
    int annotationLogBytes();

    /**
     * Whether a participant may control the stage page with its sharer's consent. False makes every session view-only
     * (the site can also do this on its side with data-tandem-view-only on the script tag). Default true.
     */
    @WithDefault("true")
    boolean remoteControl();

    /** A connection silent this long is considered dead and closed. Default 30 seconds. */
    @WithDefault("30s")
    Duration idleTimeout();

    /**
     * How long an open connection may take to send sys.hello; one that has not by then is closed with 4408 (the room's
     * idle timeout only covers connections that said hello). Default 10 seconds.
     */
    @WithDefault("10s")
    Duration helloTimeout();

    /** How long a participant who dropped stays "reconnecting" before "left". Default 30 seconds. */
    @WithDefault("30s")
    Duration reconnectGrace();

    /**
     * Test mode only: keep a copy of every frame received, so tests can prove what left a browser. Default false;
     * never enable in production.
     */
    @WithDefault("false")
    boolean frameTap();

    /** How often touchpoint counters collected from the stream are written. Default 15 seconds. */
    @WithDefault("15s")
    String counterFlushInterval();
}
