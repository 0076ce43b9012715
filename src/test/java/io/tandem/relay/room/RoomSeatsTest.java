package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Several advisors in a room: who owns it, a transfer, a supervisor stepping in and out (issue 16). */
class RoomSeatsTest {

    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ALICE = new Participant("adv-1", Role.ADVISOR, "Alice", null, true, false);
    private static final Participant BEN = new Participant("adv-2", Role.ADVISOR, "Ben", "Claims", false, false);
    private static final Participant SAM = new Participant("sup-1", Role.SUPERVISOR, "Sam");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final Room room = new Room(UUID.randomUUID(), new RoomLimits(100_000, Duration.ofSeconds(20), 100_000,
            100_000, Duration.ofSeconds(30), Duration.ofSeconds(30), 100_000, true), clock);
    private final RoomHarness harness = new RoomHarness(() -> room);

    private static JsonNode person(Frame presence, String id) {
        for (JsonNode p : presence.json().path("participants")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private static Frame last(List<Frame> frames) {
        return frames.get(frames.size() - 1);
    }

    private static List<Frame> of(List<Frame> frames, String type) {
        return frames.stream().filter(f -> f.type().equals(type)).toList();
    }

    @Test
    void presenceNamesTheOwnerAndTeamsAndATransferIsOneNoticeEvenIfHeardTwice() {
        Conn customer = harness.join(CUSTOMER);
        harness.join(ALICE);
        harness.join(BEN);
        Frame presence = last(customer.take("sys.presence"));
        assertTrue(person(presence, "adv-1").path("owner").asBoolean(), presence.text());
        assertFalse(person(presence, "adv-2").has("owner"), presence.text());
        assertEquals("Claims", person(presence, "adv-2").path("team").asText());

        RoomChange toBen = new RoomChange(RoomChange.Kind.OWNER, "adv-2", "Ben", "Claims");
        room.change(toBen);
        room.change(toBen); // every node of a multi-node relay hears a change: applying it again says nothing more
        List<Frame> told = customer.take();
        List<Frame> notices = of(told, "sys.notice");
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("owner", notices.get(0).json().path("kind").asText());
        assertEquals("Ben", notices.get(0).json().path("name").asText());
        assertEquals("Claims", notices.get(0).json().path("team").asText());
        assertTrue(notices.get(0).n() > 0, "numbered, so a resuming client gets it in order");
        presence = last(of(told, "sys.presence"));
        assertTrue(person(presence, "adv-2").path("owner").asBoolean(), presence.text());
        assertFalse(person(presence, "adv-1").has("owner"), presence.text());
    }

    @Test
    void aSupervisorWhoStepsInSpeaksAsAnAdvisorOnTheSameConnectionAndIsSilentAgainAfter() {
        Conn customer = harness.join(CUSTOMER);
        harness.join(ALICE);
        Conn sam = harness.join(SAM);
        assertTrue(customer.take("sys.presence").stream().noneMatch(f -> f.text().contains("Sam")),
                "customers never see a silent supervisor");

        room.change(new RoomChange(RoomChange.Kind.STEPPED_IN, "sup-1", "Sam", null));
        List<Frame> told = customer.take();
        assertEquals("stepped-in", last(of(told, "sys.notice")).json().path("kind").asText());
        Frame presence = last(of(told, "sys.presence"));
        assertEquals("supervisor", person(presence, "sup-1").path("seat").asText(), presence.text());
        assertEquals("advisor", person(presence, "sup-1").path("role").asText());
        sam.send("{\"t\":\"ptr.move\"}", "{\"x\":1,\"y\":2}");
        assertEquals("sup-1", last(customer.take("ptr.move")).from());

        room.change(new RoomChange(RoomChange.Kind.STEPPED_OUT, "sup-1", "Sam", null));
        told = customer.take();
        assertEquals("stepped-out", last(of(told, "sys.notice")).json().path("kind").asText());
        assertTrue(person(last(of(told, "sys.presence")), "sup-1") == null, "hidden again");
        sam.send("{\"t\":\"ptr.move\"}", "{\"x\":1,\"y\":2}");
        assertEquals(CloseCode.FORBIDDEN, sam.peer.lastClose());
        assertTrue(customer.take("ptr.move").isEmpty());
    }

    @Test
    void controlPassesBetweenAdvisorsOnlyThroughTheCustomersConsent() {
        Conn customer = harness.join(CUSTOMER);
        Conn alice = harness.join(ALICE);
        Conn ben = harness.join(BEN);
        customer.reliable("ctl.grant", "{\"to\":\"adv-1\",\"scope\":\"page\"}");
        // Ben can neither take it, nor hand it to himself, nor act under Alice's grant
        ben.take();
        ben.reliable("ctl.grant", "{\"to\":\"adv-2\",\"scope\":\"page\"}");
        ben.reliable("ctl.action", "{\"id\":\"b1\",\"kind\":\"click\",\"node\":3}");
        List<Frame> errors = of(ben.take(), "sys.error");
        assertEquals(List.of("not-stage-owner", "control-not-granted"), errors.stream().map(f -> f.json().path(
                "code").asText()).toList());
        assertTrue(of(customer.take(), "ctl.action").isEmpty(), "nothing of Ben's reached the page");
        // he asks; only the customer's grant moves it to him, and Alice's ends with it
        ben.reliable("ctl.request", "{\"scope\":\"page\"}");
        assertEquals("adv-2", of(customer.take(), "ctl.request").get(0).from());
        customer.reliable("ctl.grant", "{\"to\":\"adv-2\",\"scope\":\"page\"}");
        assertEquals("adv-2", last(of(alice.take(), "sys.control")).json().path("to").asText());
        alice.reliable("ctl.action", "{\"id\":\"a1\",\"kind\":\"click\",\"node\":3}");
        assertEquals("control-not-granted", last(of(alice.take(), "sys.error")).json().path("code").asText());
        ben.reliable("ctl.action", "{\"id\":\"b2\",\"kind\":\"click\",\"node\":3}");
        assertEquals("adv-2", last(of(customer.take(), "ctl.action")).from());
    }
}
