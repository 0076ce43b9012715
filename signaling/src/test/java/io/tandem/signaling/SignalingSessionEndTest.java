package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.signaling.ends.OwnRedis;
import io.tandem.signaling.ends.SessionEndSubscriber;
import io.tandem.signaling.room.Role;
import io.tandem.signaling.socket.SignalUpgrade;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the app ends a session, its signaling sockets are closed with 4409 and its room stays shut: tokens minted before
 * the end are refused with 410 at the upgrade. Other sessions' calls go on.
 */
class SignalingSessionEndTest {

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void endingASessionClosesItsSocketsWith4409AndRefusesItsTokensWith410() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        SignalClient supervisor = harness.joined("s-1", "supervisor-1", Role.SUPERVISOR);
        SignalClient otherAdvisor = harness.joined("s-2", "advisor-8", Role.ADVISOR);
        SignalClient otherCustomer = harness.joined("s-2", "customer", Role.CUSTOMER);
        otherAdvisor.next("peer-joined");
        String mintedBeforeTheEnd = harness.token("s-1", "customer", Role.CUSTOMER);

        try (LogCapture log = new LogCapture()) {
            harness.server.endSession("s-1");

            for (SignalClient peer : List.of(advisor, customer, supervisor)) {
                WebSocketProbe.Close close = peer.awaitClose();
                assertEquals(4409, close.code());
                assertEquals("session ended", close.reason());
            }
            assertEquals(1, harness.server.rooms());

            harness.assertRefused(410, "s-1", mintedBeforeTheEnd);
            harness.assertRefused(410, "s-1", harness.token("s-1", "advisor-7", Role.ADVISOR));
            assertEquals(1, harness.server.rooms(), "no room reopened");
            assertEquals(2, log.containing("Refused signaling upgrade to session s-1 with 410").size(),
                    log.lines().toString());
            assertTrue(log.lines().stream().noneMatch(l -> l.contains(mintedBeforeTheEnd)));
            assertEquals(List.of(), log.thrown());
        }

        otherAdvisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
        assertEquals("advisor-8", otherCustomer.next("offer").path("from").asText());
        assertTrue(otherAdvisor.isOpen() && otherCustomer.isOpen());
        // a foreign origin is still 403 first, whatever the session
        assertEquals(403, harness.refusedStatusFrom("https://evil.example", "s-1", SignalUpgrade.PROTOCOL,
                SignalUpgrade.BEARER_PREFIX + mintedBeforeTheEnd));
    }

    @Test
    void aStandaloneServerHearsOfEndsOnRedis() throws Exception {
        try (OwnRedis redis = new OwnRedis();
                SessionEndSubscriber ends = new SessionEndSubscriber(URI.create(redis.url()),
                        harness.server::endSession).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!ends.subscribed() && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling for the subscription
            }
            assertTrue(ends.subscribed(), "subscribed to " + SessionEndSubscriber.CHANNEL);
            SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
            SignalClient other = harness.joined("s-2", "advisor-7", Role.ADVISOR);

            assertEquals(1, redis.publish(SessionEndSubscriber.CHANNEL, "s-1"));

            assertEquals(4409, advisor.awaitClose().code());
            harness.assertRefused(410, "s-1", harness.token("s-1", "customer", Role.CUSTOMER));
            other.roundTrip();
        }
    }

    @Test
    void endingASessionWithoutARoomHereStillRefusesItsTokens() {
        harness.server.endSession("s-3");
        harness.server.endSession("s-3");

        harness.assertRefused(410, "s-3", harness.token("s-3", "advisor-7", Role.ADVISOR));
        SignalClient elsewhere = harness.joined("s-4", "advisor-7", Role.ADVISOR);
        elsewhere.roundTrip();
    }
}
