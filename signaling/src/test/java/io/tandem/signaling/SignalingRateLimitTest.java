package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each connection has a message budget (burst 200, then 20 a second by default): a flood closes that socket with 4429,
 * in one log line; its counterpart sees it leave, and calls in other rooms go on untouched.
 */
class SignalingRateLimitTest {

    private static final String CANDIDATE = "{\"type\":\"candidate\",\"to\":\"customer\",\"candidate\":null}";

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aFloodIsClosedWith4429AndAnotherCallIsUntouched() {
        SignalClient otherAdvisor = harness.joined("s-2", "advisor-8", Role.ADVISOR);
        SignalClient otherCustomer = harness.joined("s-2", "customer", Role.CUSTOMER);
        otherAdvisor.next("peer-joined");
        String token = harness.token("s-1", "advisor-7", Role.ADVISOR);
        SignalClient flooder = harness.connect("s-1", SignalUpgrade.PROTOCOL, SignalUpgrade.BEARER_PREFIX + token);
        flooder.next("welcome");
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        flooder.next("peer-joined");

        try (LogCapture log = new LogCapture()) {
            int sent = 0;
            while (sent < 5_000 && !flooder.probe.closed.isDone()) {
                try {
                    flooder.send(CANDIDATE);
                } catch (RuntimeException closedUnderUs) {
                    break;
                }
                sent++;
            }
            WebSocketProbe.Close close = flooder.awaitClose();
            assertEquals(4429, close.code());
            assertEquals("too many messages", close.reason());
            assertTrue(sent > SignalingConfig.DEFAULT_MESSAGE_BURST, "closed after " + sent + " messages");

            // the whole burst was relayed before the flooder was closed and announced as left
            int relayed = 0;
            JsonNode next;
            while (!(next = customer.next()).path("type").asText().equals("peer-left")) {
                assertEquals("candidate", next.path("type").asText());
                relayed++;
            }
            assertTrue(relayed >= SignalingConfig.DEFAULT_MESSAGE_BURST, "relayed " + relayed);
            assertEquals("advisor-7", next.path("peerId").asText());
            customer.roundTrip();

            List<String> lines = log.containing("advisor-7");
            assertEquals(1, lines.size(), "one line per refusal: " + log.lines());
            assertTrue(lines.get(0).contains("session s-1") && lines.get(0).contains("200"), lines.get(0));
            assertFalse(log.lines().stream().anyMatch(l -> l.contains(token)), "the token is never logged");
            assertEquals(List.of(), log.thrown());
        }

        // the other call: still open, still relaying both ways
        otherAdvisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
        assertEquals("advisor-8", otherCustomer.next("offer").path("from").asText());
        otherCustomer.send("{\"type\":\"answer\",\"to\":\"advisor-8\",\"sdp\":\"v=0\"}");
        assertEquals("customer", otherAdvisor.next("answer").path("from").asText());
        assertTrue(otherAdvisor.isOpen() && otherCustomer.isOpen());
    }

    @Test
    void aCallSetupAndSteadyPingsStayWithinTheBudget() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        // a generous setup: offer, 60 candidates and the end of candidates, mute, then pings; twice (an ICE restart)
        for (int round = 0; round < 2; round++) {
            advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
            customer.next("offer");
            customer.send("{\"type\":\"answer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\"}");
            advisor.next("answer");
            for (int i = 0; i < 60; i++) {
                advisor.send(CANDIDATE);
                customer.next("candidate");
            }
            advisor.send("{\"type\":\"mute\",\"audio\":true,\"video\":false}");
            customer.next("mute");
            advisor.roundTrip();
        }
        assertTrue(advisor.isOpen() && customer.isOpen());
    }
}
