package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.protocol.BadFrameException;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.MutableClock;
import io.tandem.testing.RoomHarness;
import io.tandem.testing.RoomHarness.Conn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The customer's language for the session (sys.language): only an advisor sets it; everyone hears it; welcome keeps it. */
class RoomLanguageTest {

    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final Participant SUPERVISOR = new Participant("sup-1", Role.SUPERVISOR, "Sam");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final Room room = new Room(UUID.randomUUID(), new RoomLimits(100_000, Duration.ofSeconds(20), 100_000,
            5_000, Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
    private final RoomHarness harness = new RoomHarness(() -> room);

    @Test
    void customerSettingTheLanguageIsClosedWith4403AndNothingChanges() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        advisor.take();
        customer.send("{\"t\":\"sys.language\"}", "{\"lang\":\"de\"}");
        assertEquals(List.of(CloseCode.FORBIDDEN), customer.peer.closes);
        assertEquals(List.of("sys.presence"), advisor.types(), "the customer left; no language was announced");
        Conn back = harness.join(CUSTOMER, "e2", 0);
        assertTrue(back.take().get(0).json().path("language").isNull(), "the session has no language set");
    }

    @Test
    void aSilentSupervisorMayNotSetItEither() {
        harness.join(CUSTOMER);
        Conn supervisor = harness.join(SUPERVISOR);
        supervisor.send("{\"t\":\"sys.language\"}", "{\"lang\":\"fr\"}");
        assertEquals(List.of(CloseCode.FORBIDDEN), supervisor.peer.closes);
    }

    @Test
    void advisorSettingItIsAnnouncedNumberedToEveryoneAndKeptForTheNextWelcome() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        customer.take();
        advisor.take();
        advisor.send("{\"t\":\"sys.language\"}", "{\"lang\":\"de\"}");
        String said = "{\"t\":\"sys.language\",\"n\":1,\"from\":\"server\"}\n{\"lang\":\"de\",\"by\":\"adv-1\"}";
        assertEquals(List.of(said), customer.take().stream().map(Frame::toString).toList());
        assertEquals(List.of(said), advisor.take().stream().map(Frame::toString).toList());

        // the next page of the firm's site (a new connection) is welcomed in German
        customer.closed();
        Conn nextPage = harness.join(CUSTOMER, "page-2", 0);
        assertEquals("de", nextPage.take().get(0).json().path("language").asText());
    }

    @Test
    void aResumingCustomerHearsTheChangeItMissed() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        customer.reliable("dom.snap", 1, "S");
        customer.closed();
        advisor.send("{\"t\":\"sys.language\"}", "{\"lang\":\"nl\"}");
        List<Frame> frames = harness.join(CUSTOMER, "e1", 1).take();
        assertTrue(frames.stream().anyMatch(f -> f.type().equals("sys.language") && f.n() == 2
                && f.json().path("lang").asText().equals("nl")), frames.toString());
    }

    @Test
    void theLanguageMovesWithTheRoomToTheNextNode() {
        Conn advisor = harness.join(ADVISOR);
        advisor.send("{\"t\":\"sys.language\"}", "{\"lang\":\"es\"}");
        Room next = new Room(room.sessionId(), new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 5_000,
                Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);
        assertTrue(next.restore(Handover.decode(room.handOver().encode())));
        Conn customer = new RoomHarness(() -> next).join(CUSTOMER);
        assertEquals("es", customer.take().get(0).json().path("language").asText());
    }

    @Test
    void onlyALanguageTagInASmallObjectIsTaken() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        customer.take();
        for (String payload : List.of("{}", "{\"lang\":\"\"}", "{\"lang\":\"German\"}", "{\"lang\":\"de\\\"x\"}",
                "{\"lang\":\"<b>de</b>\"}", "{\"lang\":7}", "[\"de\"]", "de",
                "{\"lang\":\"de\",\"pad\":\"" + "x".repeat(200) + "\"}")) {
            assertThrows(BadFrameException.class, () -> advisor.send("{\"t\":\"sys.language\"}", payload), payload);
        }
        assertEquals(List.of(), customer.take(), "nothing was announced");
        advisor.send("{\"t\":\"sys.language\"}", "{\"lang\":\"en-XA\"}");
        assertEquals("en-XA", customer.take().get(0).json().path("lang").asText());
    }
}
