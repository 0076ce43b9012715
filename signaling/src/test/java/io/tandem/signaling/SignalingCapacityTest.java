package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.room.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Up to four media peers per room (one customer at most, advisors with distinct ids), their offers, answers and
 * candidates delivered to the one peer each names; supervisors observe, stay invisible to the customer, and may not
 * negotiate.
 */
class SignalingCapacityTest {

    private static final String CANDIDATE_FOR = "{\"type\":\"candidate\",\"to\":\"%s\",\"candidate\":{\"candidate\":"
            + "\"candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
            + "\"usernameFragment\":\"abcd\"}}";

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    /** Joins one by one; each newcomer's welcome lists everyone before it, and they all hear of the newcomer. */
    private List<SignalClient> fill(String... ids) {
        List<SignalClient> in = new ArrayList<>();
        for (String id : ids) {
            add(in, id);
        }
        return in;
    }

    private SignalClient add(List<SignalClient> in, String id) {
        SignalClient peer = harness.join("s-1", id, id.equals("customer") ? Role.CUSTOMER : Role.ADVISOR);
        JsonNode welcome = peer.next("welcome");
        assertEquals(in.size(), welcome.path("peers").size(), welcome.toString());
        for (SignalClient earlier : in) {
            assertEquals(id, earlier.next("peer-joined").path("peerId").asText());
        }
        in.add(peer);
        return peer;
    }

    @Test
    void threeAndFourMediaPeersMeetAndEachCandidateReachesOnlyThePeerItNames() {
        List<SignalClient> in = fill("advisor-7", "customer", "advisor-8");
        SignalClient a7 = in.get(0);
        SignalClient customer = in.get(1);
        SignalClient a8 = in.get(2);

        // the newcomer offers to each peer already here, each answers it alone
        a8.send("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0 for 7\"}");
        a8.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0 for the customer\"}");
        JsonNode offer = a7.next("offer");
        assertEquals("advisor-8", offer.path("from").asText());
        assertEquals("v=0 for 7", offer.path("sdp").asText());
        assertEquals("v=0 for the customer", customer.next("offer").path("sdp").asText());
        customer.send("{\"type\":\"answer\",\"to\":\"advisor-8\",\"sdp\":\"v=0 from the customer\"}");
        assertEquals("customer", a8.next("answer").path("from").asText());

        // a fourth: one candidate for advisor-8 alone, then a mute for everyone (one sender's messages stay in order,
        // so whoever sees the mute first got no candidate)
        SignalClient a9 = add(in, "advisor-9");
        a9.send(String.format(CANDIDATE_FOR, "advisor-8"));
        a9.send("{\"type\":\"mute\",\"audio\":false,\"video\":true}");
        JsonNode candidate = a8.next("candidate");
        assertEquals("advisor-9", candidate.path("from").asText());
        assertEquals("candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host",
                candidate.path("candidate").path("candidate").asText());
        assertEquals("advisor-9", a8.next("mute").path("from").asText());
        for (SignalClient other : List.of(a7, customer)) {
            assertEquals("advisor-9", other.next("mute").path("from").asText(), "no candidate before the mute");
        }
        a9.roundTrip(); // and nothing came back to the sender
    }

    @Test
    void aFifthMediaPeerIsClosedWith4423AndTheCallGoesOn() throws Exception {
        List<SignalClient> in = fill("advisor-7", "customer", "advisor-8", "advisor-9");

        SignalClient fifth = harness.join("s-1", "advisor-10", Role.ADVISOR);

        WebSocketProbe.Close close = fifth.awaitClose();
        assertEquals(4423, close.code());
        assertEquals("room full", close.reason());
        assertTrue(fifth.probe.messages.isEmpty(), "no welcome for a refused peer");
        in.get(1).send("{\"type\":\"offer\",\"to\":\"advisor-9\",\"sdp\":\"v=0\"}");
        JsonNode offer = in.get(3).next("offer");
        assertEquals("customer", offer.path("from").asText(), "nobody heard of the refused peer first: " + offer);
        for (SignalClient peer : in) {
            peer.roundTrip();
        }
        // a supervisor still gets in: observers do not count
        SignalClient supervisor = harness.join("s-1", "supervisor-1", Role.SUPERVISOR);
        assertEquals(4, supervisor.next("welcome").path("peers").size());
    }

    @Test
    void theServersMediaPeerLimitIsItsConfiguredOne() {
        try (SignalingHarness pairs = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30), 64 * 1024)
                .withMaxMediaPeers(2))) {
            SignalClient advisor = pairs.joined("s-1", "advisor-7", Role.ADVISOR);
            pairs.joined("s-1", "advisor-8", Role.ADVISOR);
            advisor.next("peer-joined");

            assertEquals(4423, pairs.join("s-1", "customer", Role.CUSTOMER).awaitClose().code());
            advisor.roundTrip();
        }
    }

    @Test
    void aSecondCustomerIsClosedWith4423EvenWithRoomToSpare() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        SignalClient secondCustomer = harness.join("s-1", "customer-2", Role.CUSTOMER);

        assertEquals(4423, secondCustomer.awaitClose().code());
        assertTrue(secondCustomer.probe.messages.isEmpty(), "no welcome for a refused peer");
        advisor.roundTrip(); // no peer-joined before the pong
        SignalClient secondAdvisor = harness.join("s-1", "advisor-8", Role.ADVISOR);
        assertEquals(2, secondAdvisor.next("welcome").path("peers").size(), "an advisor still fits");
    }

    @Test
    void replacingOnesOwnSocketStillWorksWithFourPeers() {
        List<SignalClient> in = fill("advisor-7", "customer", "advisor-8", "advisor-9");

        SignalClient again = harness.join("s-1", "advisor-8", Role.ADVISOR);

        assertEquals(4410, in.get(2).awaitClose().code());
        JsonNode welcome = again.next("welcome");
        assertEquals(3, welcome.path("peers").size(), "the three others, not the older connection: " + welcome);
        for (SignalClient other : List.of(in.get(0), in.get(1), in.get(3))) {
            assertEquals("advisor-8", other.next("peer-left").path("peerId").asText());
            assertEquals("advisor-8", other.next("peer-joined").path("peerId").asText());
        }
        again.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0 again\"}");
        assertEquals("advisor-8", in.get(1).next("offer").path("from").asText());
    }

    @Test
    void supervisorsObservePresenceMuteAndHangupButTheCustomerNeverSeesThem() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        List<SignalClient> supervisors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SignalClient supervisor = harness.join("s-1", "supervisor-" + i, Role.SUPERVISOR);
            JsonNode welcome = supervisor.next("welcome");
            assertEquals("supervisor", welcome.path("role").asText());
            assertEquals(1 + i, welcome.path("peers").size());
            assertEquals("supervisor-" + i, advisor.next("peer-joined").path("peerId").asText());
            for (SignalClient earlier : supervisors) {
                earlier.next("peer-joined");
            }
            supervisors.add(supervisor);
        }

        SignalClient customer = harness.join("s-1", "customer", Role.CUSTOMER);
        JsonNode welcome = customer.next("welcome");
        assertEquals(1, welcome.path("peers").size(), "the customer sees only the advisor: " + welcome);
        assertEquals("advisor-7", welcome.path("peers").get(0).path("peerId").asText());
        for (SignalClient supervisor : supervisors) {
            assertEquals("customer", supervisor.next("peer-joined").path("peerId").asText());
        }
        advisor.next("peer-joined");

        customer.send("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\"}");
        advisor.next("offer");
        supervisors.get(2).close();
        assertEquals("supervisor-2", advisor.next("peer-left").path("peerId").asText());
        customer.assertNothingWithin(Duration.ofMillis(300));
        for (SignalClient supervisor : supervisors.subList(0, 2)) {
            assertEquals("supervisor-2", supervisor.next("peer-left").path("peerId").asText());
            supervisor.assertNothingWithin(Duration.ofMillis(50)); // no offer for observers
        }
    }

    @Test
    void supervisorsSendingSdpIceMuteOrHangupAreClosedWith4403() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");
        List<String> forbidden = List.of("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}",
                "{\"type\":\"answer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\"}",
                "{\"type\":\"candidate\",\"to\":\"customer\",\"candidate\":null}",
                "{\"type\":\"mute\",\"audio\":false,\"video\":false}",
                "{\"type\":\"hangup\"}");

        int n = 0;
        for (String message : forbidden) {
            SignalClient supervisor = harness.joined("s-1", "supervisor-" + n++, Role.SUPERVISOR);
            advisor.next("peer-joined");
            supervisor.roundTrip(); // ping is allowed

            supervisor.send(message);

            WebSocketProbe.Close close = supervisor.awaitClose();
            assertEquals(4403, close.code(), message);
            assertEquals("not allowed for this role", close.reason());
            assertEquals("peer-left", advisor.next().path("type").asText(), "nothing relayed from " + message);
        }
        customer.roundTrip(); // the customer saw none of it
        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
        customer.next("offer");
    }
}
