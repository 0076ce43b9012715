package io.tandem.signaling;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the signaling server, read from {@code TANDEM_SIGNALING_*} environment variables so the standalone server
 * needs no configuration library.
 *
 * @param port TCP port to listen on; 0 picks a free one (tests). Default 8444.
 * @param idleTimeout a WebSocket with no traffic for this long is closed. Default 30 seconds.
 * @param maxMessageBytes largest WebSocket message accepted; SDP offers are a few KiB. Default 64 KiB.
 */
public record SignalingConfig(int port, Duration idleTimeout, long maxMessageBytes) {

    public static final int DEFAULT_PORT = 8444;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    static final String PORT = "TANDEM_SIGNALING_PORT";
    static final String IDLE_TIMEOUT_SECONDS = "TANDEM_SIGNALING_IDLE_TIMEOUT_SECONDS";
    static final String MAX_MESSAGE_BYTES = "TANDEM_SIGNALING_MAX_MESSAGE_BYTES";

    public SignalingConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("signaling port must be 0..65535, was " + port);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("signaling idle timeout must be positive, was " + idleTimeout);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("signaling max message bytes must be positive, was " + maxMessageBytes);
        }
    }

    /** Reads the settings from an environment map; unset or blank variables take their defaults. */
    public static SignalingConfig fromEnv(Map<String, String> env) {
        return new SignalingConfig((int) number(env, PORT, DEFAULT_PORT, 0, 65_535),
                Duration.ofSeconds(number(env, IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT.toSeconds(), 1,
                        Integer.MAX_VALUE)),
                number(env, MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1, Integer.MAX_VALUE));
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
