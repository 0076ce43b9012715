package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input closes the sender's socket with a documented code; the other peer stays connected and is told. */
class SignalingBadInputTest {

    private static final int LIMIT = 16 * 1024;

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            LIMIT));

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void malformedOrUnexpectedMessagesAreClosedWith4400() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"type\":\"offer\",\"sdp\":", "bad message: malformed JSON");
        bad.put("not json", "bad message: not a JSON object");
        bad.put("{not json}", "bad message: malformed JSON");
        bad.put("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\"} trailing", "bad message: malformed JSON");
        bad.put("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"a\",\"sdp\":\"b\"}", "bad message: malformed JSON");
        bad.put("{\"type\":\"renegotiate\"}", "bad message: unknown or missing type");
        bad.put("{\"sdp\":\"v=0\"}", "bad message: unknown or missing type");
        bad.put("{\"type\":\"welcome\",\"peerId\":\"x\"}", "bad message: unknown or missing type");
        bad.put("[]", "bad message: not a JSON object");
        bad.put("\"offer\"", "bad message: not a JSON object");
        bad.put("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\",\"target\":\"customer\"}",
                "bad message: unknown field");
        bad.put("{\"type\":\"offer\",\"sdp\":\"v=0\"}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"offer\",\"to\":\"\",\"sdp\":\"v=0\"}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"answer\",\"to\":42,\"sdp\":\"v=0\"}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"candidate\",\"to\":\"" + "x".repeat(129) + "\",\"candidate\":null}",
                "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"ping\",\"from\":\"advisor-7\"}", "bad message: unknown field");
        bad.put("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":42}",
                "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":null}",
                "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"offer\"}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"mute\",\"audio\":\"false\",\"video\":true}",
                "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"mute\",\"audio\":0,\"video\":true}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"candidate\"}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"candidate\",\"to\":\"advisor-7\",\"candidate\":\"candidate:1\"}",
                "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"candidate\",\"to\":\"advisor-7\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":0,\"sdpMLineIndex\":0,"
                + "\"usernameFragment\":null}}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"candidate\",\"to\":\"advisor-7\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":-1,"
                + "\"usernameFragment\":null}}", "bad message: missing field or wrong field type");
        bad.put("{\"type\":\"offer\",\"sdp\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "bad message: missing field or wrong field type");
        bad.put("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"type\":\"offer\",\"sdp\":\"v=0\"}",
                "bad message: missing field or wrong field type");
        bad.put("null", "bad message: not a JSON object");

        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        for (Map.Entry<String, String> message : bad.entrySet()) {
            SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
            assertEquals("peer-joined", advisor.next().path("type").asText());

            customer.send(message.getKey());

            WebSocketProbe.Close close = customer.awaitClose();
            assertEquals(4400, close.code(), message.getKey());
            assertEquals(message.getValue(), close.reason(), message.getKey());
            assertEquals("peer-left", advisor.next().path("type").asText(), "nothing relayed: " + message);
        }
        advisor.roundTrip();
    }

    @Test
    void binaryFramesAreClosedWith4400() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        customer.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));

        WebSocketProbe.Close close = customer.awaitClose();
        assertEquals(4400, close.code());
        assertEquals("binary frames are not accepted", close.reason());
        advisor.next("peer-left");
        advisor.roundTrip();
    }

    @Test
    void invalidUtf8IsClosedWith1007() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        String protocols = SignalUpgrade.PROTOCOL + ", " + SignalUpgrade.BEARER_PREFIX
                + harness.tokens.mint("s-1", "customer", Role.CUSTOMER);
        try (RawWebSocket raw = new RawWebSocket(harness.server.port(), "/signal/s-1", protocols)) {
            assertEquals(1, raw.read().opcode(), "the welcome");
            advisor.next("peer-joined");

            raw.send(1, new byte[]{'{', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});

            assertEquals(1007, raw.awaitCloseCode());
        }
        advisor.next("peer-left");
        advisor.roundTrip();
    }

    @Test
    void messagesOverTheLimitAreClosedWith4413WithinASecond() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);

        SignalClient exact = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");
        exact.send(offerOfBytes(LIMIT));
        assertEquals(LIMIT - offerOfBytes(0).length() + "v=0".length(), advisor.next("offer").path("sdp").asText()
                .length(), "a message of exactly the limit is relayed");
        exact.close();
        advisor.next("peer-left");

        for (int size : new int[]{LIMIT + 1, 10 * LIMIT}) {
            SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
            advisor.next("peer-joined");
            long start = System.nanoTime();

            customer.send(offerOfBytes(size));

            WebSocketProbe.Close close = customer.awaitClose();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(4413, close.code(), "size " + size);
            assertEquals("message too large", close.reason());
            assertTrue(millis < 1000, "closed after " + millis + " ms");
            advisor.next("peer-left");
        }
        advisor.roundTrip();
    }

    @Test
    void aMessageStreamedInFragmentsCountsWhole() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        // Small fragments of one message, in multi-byte characters: the bytes add up past the limit.
        customer.session.sendPartialText("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"", false, Callback.NOOP);
        String chunk = "é".repeat(1024); // 2 KiB of UTF-8
        for (int i = 0; i < 12 && customer.isOpen(); i++) {
            Callback.Completable sent = new Callback.Completable();
            customer.session.sendPartialText(chunk, false, sent);
            try {
                sent.join();
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
        }

        assertEquals(4413, customer.awaitClose().code());
        advisor.next("peer-left");
        advisor.roundTrip();
    }

    /** An offer whose JSON text is exactly {@code bytes} long (or as short as it can be). */
    private static String offerOfBytes(int bytes) {
        String prefix = "{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0";
        String suffix = "\"}";
        return prefix + "x".repeat(Math.max(0, bytes - prefix.length() - suffix.length())) + suffix;
    }
}
