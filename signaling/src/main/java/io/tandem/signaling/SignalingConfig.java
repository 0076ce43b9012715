package io.tandem.signaling;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the signaling server, read from {@code TANDEM_SIGNALING_*} environment variables so the standalone server
 * needs no configuration library.
 *
 * @param port TCP port to listen on; 0 picks a free one (tests). Default 8444.
 * @param idleTimeout a WebSocket with nothing received for this long is closed with 4408. Default 30 seconds.
 * @param maxMessageBytes largest WebSocket message accepted (UTF-8 bytes); SDP offers are a few KiB. Default 64 KiB.
 * @param outboundQueueBytes bytes waiting to be written to one peer before it is closed as a slow consumer; at least
 *        twice {@code maxMessageBytes}, so one relayed message of the largest size always fits. Default 256 KiB.
 * @param issuer the {@code iss} that signaling tokens must carry. Default {@code tandem}.
 * @param tokenCheckThreads threads that check upgrade tokens (about 1 ms of CPU each for ES256 on JDK 17), apart from
 *        Jetty's, so a burst of joins cannot hold up relays. Default half the processors, at least 1.
 * @param tokenCheckQueue upgrades waiting for a token check before further ones are answered 503. Default 1024.
 * @param allowedOrigins origins of the pages that may open signaling sockets (the upgrade's Origin header); anything
 *        else is refused with 403 before the upgrade. Default none: the standalone server refuses to start without
 *        {@code TANDEM_SIGNALING_ALLOWED_ORIGINS}; embedded, the app hands over the relay's list.
 * @param messageBurst messages one connection may send at once (a token bucket's size). Default 200.
 * @param messagesPerSecond rate at which the bucket refills; a connection that sends faster for long enough to empty
 *        it is closed with 4429. Default 20.
 * @param maxMediaPeers media peers one room admits (at most one customer, the rest advisors): a mesh call, every
 *        browser sends its camera to each of the others, so upload grows with each one. A further one is closed with
 *        4423. Default 4, at least 2, at most 16.
 */
public record SignalingConfig(int port, Duration idleTimeout, long maxMessageBytes, long outboundQueueBytes,
        String issuer, int tokenCheckThreads, int tokenCheckQueue, WebSocketOrigins allowedOrigins, int messageBurst,
        int messagesPerSecond, int maxMediaPeers) {

    public static final int DEFAULT_PORT = 8444;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final long DEFAULT_OUTBOUND_QUEUE_BYTES = 256 * 1024;
    public static final String DEFAULT_ISSUER = "tandem";
    public static final int DEFAULT_TOKEN_CHECK_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    public static final int DEFAULT_TOKEN_CHECK_QUEUE = 1024;
    public static final int DEFAULT_MESSAGE_BURST = 200;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
    public static final int DEFAULT_MAX_MEDIA_PEERS = 4;
    public static final int FEWEST_MEDIA_PEERS = 2;
    public static final int MOST_MEDIA_PEERS = 16;

    static final String PORT = "TANDEM_SIGNALING_PORT";
    static final String IDLE_TIMEOUT_SECONDS = "TANDEM_SIGNALING_IDLE_TIMEOUT_SECONDS";
    static final String MAX_MESSAGE_BYTES = "TANDEM_SIGNALING_MAX_MESSAGE_BYTES";
    static final String OUTBOUND_QUEUE_BYTES = "TANDEM_SIGNALING_OUTBOUND_QUEUE_BYTES";
    static final String ISSUER = "TANDEM_SIGNALING_ISSUER";
    static final String TOKEN_CHECK_THREADS = "TANDEM_SIGNALING_TOKEN_CHECK_THREADS";
    static final String TOKEN_CHECK_QUEUE = "TANDEM_SIGNALING_TOKEN_CHECK_QUEUE";
    static final String ALLOWED_ORIGINS = "TANDEM_SIGNALING_ALLOWED_ORIGINS";
    static final String MESSAGE_BURST = "TANDEM_SIGNALING_MESSAGE_BURST";
    static final String MESSAGES_PER_SECOND = "TANDEM_SIGNALING_MESSAGES_PER_SECOND";
    static final String MAX_MEDIA_PEERS = "TANDEM_SIGNALING_MAX_MEDIA_PEERS";

    public SignalingConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("signaling port must be 0..65535, was " + port);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("signaling idle timeout must be positive, was " + idleTimeout);
        }
        if (maxMessageBytes <= 0 || maxMessageBytes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("signaling max message bytes must be 1.." + Integer.MAX_VALUE / 2
                    + ", was " + maxMessageBytes);
        }
        if (outboundQueueBytes < 2 * maxMessageBytes) {
            throw new IllegalArgumentException("signaling outbound queue bytes must be at least twice the max message"
                    + " bytes (" + 2 * maxMessageBytes + "), was " + outboundQueueBytes);
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("signaling issuer must not be blank");
        }
        if (tokenCheckThreads < 1 || tokenCheckThreads > 256) {
            throw new IllegalArgumentException("signaling token check threads must be 1..256, was "
                    + tokenCheckThreads);
        }
        if (tokenCheckQueue < 1 || tokenCheckQueue > 1_000_000) {
            throw new IllegalArgumentException("signaling token check queue must be 1..1000000, was "
                    + tokenCheckQueue);
        }
        if (allowedOrigins == null) {
            throw new IllegalArgumentException("signaling allowed origins must be given (none allows nothing)");
        }
        if (messageBurst < 1 || messageBurst > 1_000_000) {
            throw new IllegalArgumentException("signaling message burst must be 1..1000000, was " + messageBurst);
        }
        if (messagesPerSecond < 1 || messagesPerSecond > 1_000_000) {
            throw new IllegalArgumentException("signaling messages per second must be 1..1000000, was "
                    + messagesPerSecond);
        }
        if (maxMediaPeers < FEWEST_MEDIA_PEERS || maxMediaPeers > MOST_MEDIA_PEERS) {
            throw new IllegalArgumentException("signaling max media peers must be " + FEWEST_MEDIA_PEERS + ".."
                    + MOST_MEDIA_PEERS + ", was " + maxMediaPeers);
        }
    }

    /** No allowed origin yet (see {@link #withAllowedOrigins}) and the default message rate, with the rest given. */
    public SignalingConfig(int port, Duration idleTimeout, long maxMessageBytes, long outboundQueueBytes,
            String issuer, int tokenCheckThreads, int tokenCheckQueue) {
        this(port, idleTimeout, maxMessageBytes, outboundQueueBytes, issuer, tokenCheckThreads, tokenCheckQueue,
                WebSocketOrigins.NONE, DEFAULT_MESSAGE_BURST, DEFAULT_MESSAGES_PER_SECOND, DEFAULT_MAX_MEDIA_PEERS);
    }

    /** The default token checking (threads and queue) with the rest given. */
    public SignalingConfig(int port, Duration idleTimeout, long maxMessageBytes, long outboundQueueBytes,
            String issuer) {
        this(port, idleTimeout, maxMessageBytes, outboundQueueBytes, issuer, DEFAULT_TOKEN_CHECK_THREADS,
                DEFAULT_TOKEN_CHECK_QUEUE);
    }

    /** The defaults, with the given port, idle timeout and message limit (the outbound queue scales with it). */
    public SignalingConfig(int port, Duration idleTimeout, long maxMessageBytes) {
        this(port, idleTimeout, maxMessageBytes, Math.max(DEFAULT_OUTBOUND_QUEUE_BYTES, 4 * maxMessageBytes),
                DEFAULT_ISSUER);
    }

    /** These settings with another origin allow-list. */
    public SignalingConfig withAllowedOrigins(WebSocketOrigins origins) {
        return new SignalingConfig(port, idleTimeout, maxMessageBytes, outboundQueueBytes, issuer, tokenCheckThreads,
                tokenCheckQueue, origins, messageBurst, messagesPerSecond, maxMediaPeers);
    }

    /** These settings with another per-connection message rate. */
    public SignalingConfig withMessageRate(int burst, int perSecond) {
        return new SignalingConfig(port, idleTimeout, maxMessageBytes, outboundQueueBytes, issuer, tokenCheckThreads,
                tokenCheckQueue, allowedOrigins, burst, perSecond, maxMediaPeers);
    }

    /** These settings with another number of media peers per room. */
    public SignalingConfig withMaxMediaPeers(int max) {
        return new SignalingConfig(port, idleTimeout, maxMessageBytes, outboundQueueBytes, issuer, tokenCheckThreads,
                tokenCheckQueue, allowedOrigins, messageBurst, messagesPerSecond, max);
    }

    /** Reads the settings from an environment map; unset or blank variables take their defaults. */
    public static SignalingConfig fromEnv(Map<String, String> env) {
        long maxMessage = number(env, MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1, Integer.MAX_VALUE / 2);
        return new SignalingConfig((int) number(env, PORT, DEFAULT_PORT, 0, 65_535),
                Duration.ofSeconds(number(env, IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT.toSeconds(), 1,
                        Integer.MAX_VALUE)),
                maxMessage,
                number(env, OUTBOUND_QUEUE_BYTES, Math.max(DEFAULT_OUTBOUND_QUEUE_BYTES, 4 * maxMessage),
                        2 * maxMessage, Long.MAX_VALUE),
                text(env, ISSUER, DEFAULT_ISSUER),
                (int) number(env, TOKEN_CHECK_THREADS, DEFAULT_TOKEN_CHECK_THREADS, 1, 256),
                (int) number(env, TOKEN_CHECK_QUEUE, DEFAULT_TOKEN_CHECK_QUEUE, 1, 1_000_000),
                origins(env),
                (int) number(env, MESSAGE_BURST, DEFAULT_MESSAGE_BURST, 1, 1_000_000),
                (int) number(env, MESSAGES_PER_SECOND, DEFAULT_MESSAGES_PER_SECOND, 1, 1_000_000),
                (int) number(env, MAX_MEDIA_PEERS, DEFAULT_MAX_MEDIA_PEERS, FEWEST_MEDIA_PEERS,
                        MOST_MEDIA_PEERS));
    }

    private static WebSocketOrigins origins(Map<String, String> env) {
        try {
            return WebSocketOrigins.parse(env.get(ALLOWED_ORIGINS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ALLOWED_ORIGINS + " must be a comma-separated list of absolute URLs"
                    + " such as https://tandem.example, was '" + env.get(ALLOWED_ORIGINS) + "'", e);
        }
    }

    private static String text(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static long number(Map<String, String> env, String name, long defaultValue, long min, long max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
        // Checked here as well as in the constructor so the message names the variable to fix.
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }
}
