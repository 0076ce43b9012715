package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-sender ordering under load, and the bound on what waits for a peer that stops reading. */
class SignalingBackpressureTest {

    private static final int LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    // Ordering and queue bounds under load, not the per-connection message budget (SignalingRateLimitTest): a budget
    // large enough for the floods below.
    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            LIMIT).withMessageRate(100_000, 100_000));

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void twoThousandCandidatesEachWayArriveInOrder() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");
        int count = 2000;

        CompletableFuture<Void> fromCustomer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                customer.send(candidate("advisor-7", "customer-" + i, 40));
            }
        });
        for (int i = 0; i < count; i++) {
            advisor.send(candidate("customer", "advisor-" + i, 40));
        }
        fromCustomer.get(30, TimeUnit.SECONDS);

        for (int i = 0; i < count; i++) {
            assertEquals("advisor-" + i, label(customer.next("candidate")));
            assertEquals("customer-" + i, label(advisor.next("candidate")));
        }
        advisor.roundTrip();
        customer.roundTrip();
    }

    @Test
    void aPeerThatStopsReadingIsClosedWith4503AndTheSenderCarriesOn() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        StallingReader reader = new StallingReader();
        harness.connect(reader, "s-1", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX
                + harness.tokens.mint("s-1", "customer", Role.CUSTOMER));
        assertEquals("welcome", JSON.readTree(reader.messages.poll(5, TimeUnit.SECONDS)).path("type").asText());
        advisor.next("peer-joined");
        reader.stopReading();

        // 60 KB candidates until the server gives up on the reader: far more than the socket buffers hold.
        int sent = 0;
        while (advisor.probe.messages.isEmpty() && sent < 2000) {
            advisor.send(candidate("customer", Integer.toString(sent), 60_000));
            sent++;
        }
        JsonNode left = advisor.next("peer-left");
        assertEquals("customer", left.path("peerId").asText());
        assertTrue(sent < 2000, "the reader was never closed");
        advisor.roundTrip(); // the sender is unaffected
        advisor.send(candidate("customer", "after", 40)); // and sending to nobody is fine

        reader.resumeReading();
        WebSocketProbe.Close close = reader.closed.get(10, TimeUnit.SECONDS);
        assertEquals(4503, close.code());
        assertEquals("slow consumer", close.reason());
        // What did reach the reader is a gap-free prefix: the queue is cut off, never thinned out.
        int expected = 0;
        for (String text : reader.messages) {
            assertEquals(Integer.toString(expected++), label(JSON.readTree(text)));
        }
        assertTrue(expected > 0 && expected < sent, "received " + expected + " of " + sent);
    }

    private static String label(JsonNode candidate) {
        return candidate.path("candidate").path("candidate").asText().split(" ")[0];
    }

    private static String candidate(String to, String label, int padding) {
        return "{\"type\":\"candidate\",\"to\":\"" + to + "\",\"candidate\":{\"candidate\":\"" + label + " "
                + "x".repeat(padding)
                + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":null}}";
    }
}
