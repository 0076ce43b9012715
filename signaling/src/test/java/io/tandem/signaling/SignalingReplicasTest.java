package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.ends.OwnRedis;
import io.tandem.signaling.ends.RoomRouter;
import io.tandem.signaling.room.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two signaling replicas sharing a Redis of the test's own, as Kubernetes runs them behind one service: whichever
 * replica each person reaches, the two people of a call meet in one room (the replica reached first holds it; the
 * other relays), messages and close codes pass both ways, the call is reported once, and when the holder goes away
 * the people reconnect and meet again on the other replica.
 */
class SignalingReplicasTest {

    private OwnRedis redis;
    private SignalingHarness a;
    private SignalingHarness b;
    private RoomRouter routerA;
    private RoomRouter routerB;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = new OwnRedis();
        int portA = freePort();
        int portB = freePort();
        routerA = new RoomRouter(URI.create(redis.url()), "ws://127.0.0.1:" + portA);
        routerB = new RoomRouter(URI.create(redis.url()), "ws://127.0.0.1:" + portB);
        a = new SignalingHarness(config(portA), null, (s, length) -> calls.add("a:" + s), routerA);
        // b verifies the same tokens (the app's JWKS in production)
        b = new SignalingHarness(config(portB), a.tokens.tokenKeys(), (s, length) -> calls.add("b:" + s), routerB);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (AutoCloseable c : new AutoCloseable[]{b, a, routerB, routerA}) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        redis.close();
    }

    private static SignalingConfig config(int port) {
        return new SignalingConfig(port, Duration.ofSeconds(30), 64 * 1024);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private SignalClient join(SignalingHarness via, String session, String subject, Role role) {
        return via.connect(session, io.tandem.signaling.socket.SignalUpgrade.PROTOCOL,
                io.tandem.signaling.socket.SignalUpgrade.BEARER_PREFIX + a.tokens.mint(session, subject, role));
    }

    @Test
    void theTwoPeopleOfACallMeetOnWhicheverReplicaTheyReach() {
        SignalClient advisor = join(a, "s-1", "advisor-7", Role.ADVISOR);
        assertEquals(0, advisor.next("welcome").path("peers").size());
        SignalClient customer = join(b, "s-1", "customer", Role.CUSTOMER);

        JsonNode welcome = customer.next("welcome");
        assertEquals("advisor-7", welcome.path("peers").get(0).path("peerId").asText(), welcome.toString());
        assertEquals("customer", advisor.next("peer-joined").path("peerId").asText());
        assertEquals(1, a.server.rooms(), "the room is on the replica reached first");
        assertEquals(0, b.server.rooms(), "the other replica relays");

        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0 advisor\"}");
        JsonNode offer = customer.next("offer");
        assertEquals("advisor-7", offer.path("from").asText());
        assertEquals("v=0 advisor", offer.path("sdp").asText());
        customer.send("{\"type\":\"answer\",\"to\":\"advisor-7\",\"sdp\":\"v=0 customer\"}");
        assertEquals("v=0 customer", advisor.next("answer").path("sdp").asText());
        customer.roundTrip();
        customer.send("{\"type\":\"hangup\"}");
        assertEquals("customer", advisor.next("hangup").path("from").asText());
        customer.roundTrip(); // handled after the hang-up, on the replica holding the room
        assertEquals(List.of("a:s-1"), calls, "one call, reported once by the replica holding the room");

        // another session reached through b first lives on b
        SignalClient other = join(b, "s-2", "advisor-8", Role.ADVISOR);
        other.next("welcome");
        assertEquals(1, b.server.rooms());

        // a close code of the holder reaches the relayed socket: the app ends the session
        a.server.endSession("s-1");
        assertEquals(4409, customer.awaitClose().code());
        assertEquals(4409, advisor.awaitClose().code());
        assertTrue(other.isOpen(), "other sessions go on");
    }

    @Test
    void whenTheHoldingReplicaGoesAwayThePeopleMeetAgainOnTheOther() {
        SignalClient advisor = join(a, "s-3", "advisor-7", Role.ADVISOR);
        advisor.next("welcome");
        SignalClient customer = join(b, "s-3", "customer", Role.CUSTOMER);
        customer.next("welcome");

        a.server.stop(); // a replica stops (scale-in, a deploy): its sockets close with 1001, relayed ones too
        assertEquals(1001, advisor.awaitClose().code());
        assertEquals(1001, customer.awaitClose().code());

        // both reconnect with fresh tokens through the replica still there
        SignalClient customerAgain = join(b, "s-3", "customer", Role.CUSTOMER);
        customerAgain.next("welcome");
        SignalClient advisorAgain = join(b, "s-3", "advisor-7", Role.ADVISOR);
        assertEquals("customer", advisorAgain.next("welcome").path("peers").get(0).path("peerId").asText());
        assertEquals("advisor-7", customerAgain.next("peer-joined").path("peerId").asText());
        assertEquals(1, b.server.rooms());
    }

    @Test
    void aClaimOfAReplicaThatDiedIsTakenOver() {
        // a crashed replica leaves its claim behind (nothing released it)
        RoomRouter dead = new RoomRouter(URI.create(redis.url()), "ws://127.0.0.1:1");
        assertEquals("ws://127.0.0.1:1", dead.claim("s-4"));
        dead.close();

        SignalClient customer = join(b, "s-4", "customer", Role.CUSTOMER);
        customer.next("welcome");
        SignalClient advisor = join(a, "s-4", "advisor-7", Role.ADVISOR);
        advisor.next("welcome");
        assertEquals("advisor-7", customer.next("peer-joined").path("peerId").asText());
        assertEquals(1, b.server.rooms(), "b took the room over");
        assertEquals(0, a.server.rooms(), "a relays to b");
    }
}
