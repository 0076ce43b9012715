package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalingConfigTest {

    @Test
    void usesDefaultsWhenNothingIsSet() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of());

        assertEquals(8444, config.port());
        assertEquals(Duration.ofSeconds(30), config.idleTimeout());
        assertEquals(64 * 1024, config.maxMessageBytes());
        assertEquals(256 * 1024, config.outboundQueueBytes());
        assertEquals("tandem", config.issuer());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), config.tokenCheckThreads());
        assertEquals(1024, config.tokenCheckQueue());
        assertTrue(config.allowedOrigins().isEmpty());
        assertEquals(200, config.messageBurst());
        assertEquals(20, config.messagesPerSecond());
        assertEquals(4, config.maxMediaPeers());
    }

    @Test
    void readsTheNumberOfMediaPeersPerRoom() {
        assertEquals(6, SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_MAX_MEDIA_PEERS", "6")).maxMediaPeers());
        assertEquals(2, new SignalingConfig(0, Duration.ofSeconds(1), 1024).withMaxMediaPeers(2).maxMediaPeers());
        assertEquals(3, new SignalingConfig(0, Duration.ofSeconds(1), 1024).withMaxMediaPeers(3)
                .withAllowedOrigins(WebSocketOrigins.NONE).withMessageRate(5, 5).maxMediaPeers(), "kept by the withs");
    }

    @Test
    void readsTheOriginsAndTheMessageRate() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_ALLOWED_ORIGINS",
                "https://tandem.example, https://www.insurer.example", "TANDEM_SIGNALING_MESSAGE_BURST", "50",
                "TANDEM_SIGNALING_MESSAGES_PER_SECOND", "5"));

        assertEquals(java.util.Set.of("https://tandem.example", "https://www.insurer.example"),
                config.allowedOrigins().allowed());
        assertEquals(50, config.messageBurst());
        assertEquals(5, config.messagesPerSecond());
    }

    @Test
    void readsTheTokenCheckBounds() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_TOKEN_CHECK_THREADS", "3",
                "TANDEM_SIGNALING_TOKEN_CHECK_QUEUE", "50"));

        assertEquals(3, config.tokenCheckThreads());
        assertEquals(50, config.tokenCheckQueue());
    }

    @Test
    void theOutboundQueueFollowsALargerMessageLimit() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_MAX_MESSAGE_BYTES", "1048576"));

        assertEquals(4 * 1024 * 1024, config.outboundQueueBytes());
        assertEquals(4 * 1024 * 1024, new SignalingConfig(0, Duration.ofSeconds(1), 1024 * 1024).outboundQueueBytes());
    }

    @Test
    void treatsBlankValuesAsUnset() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_PORT", " ",
                "TANDEM_SIGNALING_ISSUER", ""));

        assertEquals(8444, config.port());
        assertEquals("tandem", config.issuer());
    }

    @Test
    void readsOverridesFromTheEnvironment() {
        SignalingConfig config = SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_PORT", "0",
                "TANDEM_SIGNALING_IDLE_TIMEOUT_SECONDS", "90", "TANDEM_SIGNALING_MAX_MESSAGE_BYTES", " 4096 ",
                "TANDEM_SIGNALING_OUTBOUND_QUEUE_BYTES", "8192", "TANDEM_SIGNALING_ISSUER",
                " https://tandem.example "));

        assertEquals(0, config.port());
        assertEquals(Duration.ofSeconds(90), config.idleTimeout());
        assertEquals(4096, config.maxMessageBytes());
        assertEquals(8192, config.outboundQueueBytes());
        assertEquals("https://tandem.example", config.issuer());
    }

    @Test
    void rejectsANonNumberNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalingConfig.fromEnv(Map.of("TANDEM_SIGNALING_PORT", "84x4")));

        assertTrue(e.getMessage().contains("TANDEM_SIGNALING_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("84x4"), e.getMessage());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheVariable() {
        assertRejected("TANDEM_SIGNALING_PORT", "65536");
        assertRejected("TANDEM_SIGNALING_PORT", "-1");
        assertRejected("TANDEM_SIGNALING_IDLE_TIMEOUT_SECONDS", "0");
        assertRejected("TANDEM_SIGNALING_MAX_MESSAGE_BYTES", "0");
        assertRejected("TANDEM_SIGNALING_MAX_MESSAGE_BYTES", "99999999999999999999");
        assertRejected("TANDEM_SIGNALING_OUTBOUND_QUEUE_BYTES", "131071"); // less than twice the 64 KiB limit
        assertRejected("TANDEM_SIGNALING_TOKEN_CHECK_THREADS", "0");
        assertRejected("TANDEM_SIGNALING_TOKEN_CHECK_QUEUE", "0");
        assertRejected("TANDEM_SIGNALING_MESSAGE_BURST", "0");
        assertRejected("TANDEM_SIGNALING_MESSAGES_PER_SECOND", "0");
        assertRejected("TANDEM_SIGNALING_ALLOWED_ORIGINS", "/relative");
        assertRejected("TANDEM_SIGNALING_MAX_MEDIA_PEERS", "1"); // a call needs two
        assertRejected("TANDEM_SIGNALING_MAX_MEDIA_PEERS", "17");
    }

    @Test
    void rejectsInvalidValuesInTheConstructor() {
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(-1, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, Duration.ofSeconds(1), 1000, 1999,
                "tandem"));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, Duration.ofSeconds(1), 1000, 2000,
                " "));
        assertThrows(IllegalArgumentException.class, () -> new SignalingConfig(0, Duration.ofSeconds(1), 1000, 2000,
                null));
    }

    private static void assertRejected(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalingConfig.fromEnv(Map.of(name, value)), name + "=" + value);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
