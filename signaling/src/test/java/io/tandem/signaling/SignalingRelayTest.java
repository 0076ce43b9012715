package io.tandem.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.signaling.room.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Joining, presence and relaying between the two media peers of a room, over real sockets. */
class SignalingRelayTest {

    private static final String CANDIDATE = "{\"type\":\"candidate\",\"to\":\"advisor-7\",\"candidate\":{\"candidate\":"
            + "\"candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
            + "\"usernameFragment\":\"abcd\"}}";

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void welcomeNamesThePerfectNegotiationRolesAndWhoIsAlreadyThere() {
        SignalClient advisor = harness.join("s-1", "advisor-7", Role.ADVISOR);
        JsonNode first = advisor.next("welcome");
        assertEquals("advisor-7", first.path("peerId").asText());
        assertEquals("advisor", first.path("role").asText());
        assertFalse(first.path("polite").asBoolean(true), "the advisor is impolite");
        assertEquals(0, first.path("peers").size());

        SignalClient customer = harness.join("s-1", "customer", Role.CUSTOMER);
        JsonNode second = customer.next("welcome");
        assertEquals("customer", second.path("peerId").asText());
        assertTrue(second.path("polite").asBoolean(false), "the customer is polite");
        assertEquals(1, second.path("peers").size());
        JsonNode listed = second.path("peers").get(0);
        assertEquals("advisor-7", listed.path("peerId").asText());
        assertEquals("advisor", listed.path("role").asText());
        assertEquals("Name of advisor-7", listed.path("name").asText());
        assertTrue(listed.path("audio").asBoolean(false));
        assertTrue(listed.path("video").asBoolean(false));

        JsonNode joined = advisor.next("peer-joined");
        assertEquals("customer", joined.path("peerId").asText());
        assertEquals("customer", joined.path("role").asText());
        assertEquals("Name of customer", joined.path("name").asText());
    }

    @Test
    void relaysOfferAnswerAndCandidatesBothWaysWithFrom() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0 advisor offer\"}");
        JsonNode offer = customer.next("offer");
        assertEquals("advisor-7", offer.path("from").asText());
        assertEquals("v=0 advisor offer", offer.path("sdp").asText());

        customer.send("{\"type\":\"answer\",\"to\":\"advisor-7\",\"sdp\":\"v=0 customer answer\"}");
        JsonNode answer = advisor.next("answer");
        assertEquals("customer", answer.path("from").asText());
        assertEquals("v=0 customer answer", answer.path("sdp").asText());

        customer.send(CANDIDATE);
        JsonNode candidate = advisor.next("candidate");
        assertEquals("customer", candidate.path("from").asText());
        assertEquals("{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host\",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"}", candidate.path("candidate").toString());

        advisor.send("{\"type\":\"candidate\",\"to\":\"customer\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":null,"
                + "\"sdpMLineIndex\":null,\"usernameFragment\":null}}");
        JsonNode nulls = customer.next("candidate");
        assertEquals("advisor-7", nulls.path("from").asText());
        assertTrue(nulls.path("candidate").path("sdpMid").isNull());

        advisor.send("{\"type\":\"candidate\",\"to\":\"customer\",\"candidate\":null}");
        JsonNode end = customer.next("candidate");
        assertTrue(end.has("candidate") && end.path("candidate").isNull(), "end of candidates stays null: " + end);

        // The customer renegotiates (perfect negotiation lets either side offer).
        customer.send("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0 customer offer\"}");
        assertEquals("customer", advisor.next("offer").path("from").asText());
    }

    @Test
    void muteAndHangupReachTheOtherPeerAndObserversWhileSdpReachesOnlyTheOtherPeer() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");
        SignalClient supervisor = harness.joined("s-1", "supervisor-3", Role.SUPERVISOR);
        advisor.next("peer-joined");

        customer.send("{\"type\":\"offer\",\"to\":\"advisor-7\",\"sdp\":\"v=0\"}");
        advisor.next("offer");
        customer.send("{\"type\":\"mute\",\"audio\":false,\"video\":true}");
        JsonNode mute = advisor.next("mute");
        assertEquals("customer", mute.path("from").asText());
        assertFalse(mute.path("audio").asBoolean(true));
        assertTrue(mute.path("video").asBoolean(false));
        JsonNode observed = supervisor.next("mute");
        assertEquals("customer", observed.path("from").asText());

        advisor.send("{\"type\":\"hangup\"}");
        assertEquals("advisor-7", customer.next("hangup").path("from").asText());
        assertEquals("advisor-7", supervisor.next("hangup").path("from").asText());

        supervisor.roundTrip();
        supervisor.assertNothingWithin(Duration.ofMillis(200));

        // Someone joining later sees the mute state in the welcome.
        SignalClient second = harness.join("s-1", "supervisor-4", Role.SUPERVISOR);
        JsonNode welcome = second.next("welcome");
        for (JsonNode p : welcome.path("peers")) {
            if (p.path("peerId").asText().equals("customer")) {
                assertFalse(p.path("audio").asBoolean(true));
                assertTrue(p.path("video").asBoolean(false));
            }
        }
        assertEquals(3, welcome.path("peers").size());
    }

    @Test
    void aPeerDisconnectingMidNegotiationIsAnnouncedAsLeft() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
        customer.next("offer");
        customer.session.disconnect(); // no close frame: the TCP connection just goes away

        assertEquals("customer", advisor.next("peer-left").path("peerId").asText());
        advisor.roundTrip();
        // A message for a peer who is gone is dropped, not an error.
        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0 again\"}");
        advisor.roundTrip();
        assertTrue(advisor.isOpen());
    }

    @Test
    void theSameParticipantConnectingAgainReplacesTheOlderConnection() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        SignalClient again = harness.join("s-1", "customer", Role.CUSTOMER);

        WebSocketProbe.Close close = customer.awaitClose();
        assertEquals(4410, close.code());
        assertEquals("replaced by a newer connection", close.reason());
        JsonNode welcome = again.next("welcome");
        assertEquals(1, welcome.path("peers").size(), "the older connection is gone: " + welcome);
        // The other side learns to start over: the old connection left, the new one joined.
        assertEquals("customer", advisor.next("peer-left").path("peerId").asText());
        assertEquals("customer", advisor.next("peer-joined").path("peerId").asText());

        advisor.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"v=0\"}");
        assertEquals("advisor-7", again.next("offer").path("from").asText());
    }

    @Test
    void pingIsAnsweredWithPong() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);

        advisor.send("{\"type\":\"ping\"}");

        assertEquals("{\"type\":\"pong\"}", advisor.next("pong").toString());
    }

    @Test
    void roomsAreSeparate() throws Exception {
        SignalClient a1 = harness.joined("s-1", "advisor-1", Role.ADVISOR);
        SignalClient c1 = harness.joined("s-1", "customer", Role.CUSTOMER);
        SignalClient a2 = harness.joined("s-2", "advisor-2", Role.ADVISOR);
        SignalClient c2 = harness.joined("s-2", "customer", Role.CUSTOMER);
        a1.next("peer-joined");
        a2.next("peer-joined");

        a1.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"for s-1\"}");
        a2.send("{\"type\":\"offer\",\"to\":\"customer\",\"sdp\":\"for s-2\"}");

        assertEquals("for s-1", c1.next("offer").path("sdp").asText());
        assertEquals("for s-2", c2.next("offer").path("sdp").asText());
        c1.assertNothingWithin(Duration.ofMillis(100));
        c2.assertNothingWithin(Duration.ofMillis(100));
    }

    @Test
    void anIdlePeerIsClosedWith4408WhileAPingingOneStays() throws Exception {
        try (SignalingHarness quick = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(1),
                64 * 1024))) {
            SignalClient silent = quick.joined("s-1", "advisor-7", Role.ADVISOR);
            SignalClient pinging = quick.joined("s-1", "customer", Role.CUSTOMER);
            silent.next("peer-joined");

            long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                pinging.send("{\"type\":\"ping\"}");
                Thread.sleep(100);
            }

            assertEquals(4408, silent.awaitClose().code());
            JsonNode next = pinging.next();
            while (next.path("type").asText().equals("pong")) {
                next = pinging.next();
            }
            assertEquals("peer-left", next.path("type").asText());
            assertTrue(pinging.isOpen());
        }
    }
}
