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

/** Two media peers per room at most; supervisors observe, stay invisible to the customer, and may not negotiate. */
class SignalingCapacityTest {

    private final SignalingHarness harness = new SignalingHarness(new SignalingConfig(0, Duration.ofSeconds(30),
            64 * 1024));

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aThirdMediaPeerIsClosedWith4423AndTheCallGoesOn() throws Exception {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);
        SignalClient customer = harness.joined("s-1", "customer", Role.CUSTOMER);
        advisor.next("peer-joined");

        SignalClient secondCustomer = harness.join("s-1", "customer-2", Role.CUSTOMER);
        SignalClient secondAdvisor = harness.join("s-1", "advisor-8", Role.ADVISOR);

        for (SignalClient refused : List.of(secondCustomer, secondAdvisor)) {
            WebSocketProbe.Close close = refused.awaitClose();
            assertEquals(4423, close.code());
            assertEquals("room full", close.reason());
            assertTrue(refused.probe.messages.isEmpty(), "no welcome for a refused peer");
        }
        advisor.assertNothingWithin(Duration.ofMillis(200));
        customer.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        assertEquals("customer", advisor.next("offer").path("from").asText());
    }

    @Test
    void aSecondAdvisorIsRefusedEvenBeforeTheCustomerArrives() {
        SignalClient advisor = harness.joined("s-1", "advisor-7", Role.ADVISOR);

        assertEquals(4423, harness.join("s-1", "advisor-8", Role.ADVISOR).awaitClose().code());

        SignalClient customer = harness.join("s-1", "customer", Role.CUSTOMER);
        assertEquals(1, customer.next("welcome").path("peers").size());
        advisor.next("peer-joined");
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

        customer.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
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
        List<String> forbidden = List.of("{\"type\":\"offer\",\"sdp\":\"v=0\"}",
                "{\"type\":\"answer\",\"sdp\":\"v=0\"}",
                "{\"type\":\"candidate\",\"candidate\":null}", "{\"type\":\"mute\",\"audio\":false,\"video\":false}",
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
        advisor.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        customer.next("offer");
    }
}
