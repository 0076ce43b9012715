package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.protocol.FrameCodec;
import io.tandem.relay.protocol.Role;
import io.tandem.testing.FakePeer;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A room handed from a stopping node to the next (multi-node relay): after the move, clients resume by sequence
 * number, their resent frames are not relayed twice, and late joiners get the same keyframe and drawings.
 */
class HandoverTest {

    private static final UUID SESSION = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla ✓");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final RoomLimits LIMITS = new RoomLimits(100_000, Duration.ofSeconds(20), 100_000, 5_000,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

    private static void send(Room room, FakePeer peer, Participant who, String header, String payload) {
        room.receive(peer, who, FrameCodec.decode(Buffer.buffer(header + "\n" + payload)));
    }

    private static void hello(Room room, FakePeer peer, Participant who, String epoch, long resume) {
        send(room, peer, who, "{\"t\":\"sys.hello\"}", "{\"epoch\":\"" + epoch + "\",\"resume\":" + resume + "}");
    }

    @Test
    void clientsResumeOnTheNextNodeAsIfTheNodeHadNotChanged() {
        Room old = new Room(SESSION, LIMITS, clock);
        FakePeer customer = new FakePeer("customer");
        FakePeer advisor = new FakePeer("advisor");
        hello(old, customer, CUSTOMER, "page1", 0);
        hello(old, advisor, ADVISOR, "console1", 0);
        send(old, customer, CUSTOMER, "{\"t\":\"dom.snap\",\"s\":1}", "{\"html\":\"<p>one</p>\"}");
        send(old, customer, CUSTOMER, "{\"t\":\"dom.mut\",\"s\":2}", "{\"m\":2}");
        send(old, advisor, ADVISOR, "{\"t\":\"ann.begin\",\"s\":1,\"k\":\"a1\"}", "{\"tool\":\"pen\"}");
        send(old, advisor, ADVISOR, "{\"t\":\"ann.end\",\"s\":2,\"k\":\"a1\"}", "{}");
        long seenByAdvisor = advisor.take().stream().mapToLong(Frame::n).max().orElseThrow();
        send(old, customer, CUSTOMER, "{\"t\":\"dom.mut\",\"s\":3}", "{\"m\":3}"); // the advisor misses this one

        Buffer moved = old.handOver().encode();
        // the old room takes no more frames
        FakePeer late = new FakePeer("late");
        hello(old, late, ADVISOR, "x", 0);
        assertEquals(List.of(CloseCode.GOING_AWAY), late.closes);

        Room next = new Room(SESSION, LIMITS, clock);
        assertTrue(next.restore(Handover.decode(moved)));
        // the advisor resumes from what it saw: only the missed frame, in order, no reset
        FakePeer advisor2 = new FakePeer("advisor2");
        hello(next, advisor2, ADVISOR, "console1", seenByAdvisor);
        List<Frame> got = advisor2.take();
        assertEquals("sys.welcome", got.get(0).type());
        assertFalse(got.stream().anyMatch(f -> f.type().equals("sys.reset")), got.toString());
        List<Frame> dom = got.stream().filter(f -> f.type().startsWith("dom.")).toList();
        assertEquals(1, dom.size(), got.toString());
        assertEquals("{\"m\":3}", dom.get(0).text());
        assertEquals(5, dom.get(0).n(), "after the two drawing frames (3, 4) the advisor sent itself");
        // the customer resends its unacknowledged frame 3 after reconnecting: not relayed twice; frame 4 is new
        FakePeer customer2 = new FakePeer("customer2");
        hello(next, customer2, CUSTOMER, "page1", 0);
        assertEquals(3, customer2.take().get(0).json().path("acked").asLong(), "the welcome acknowledges up to 3");
        send(next, customer2, CUSTOMER, "{\"t\":\"dom.mut\",\"s\":3}", "{\"m\":3}");
        send(next, customer2, CUSTOMER, "{\"t\":\"dom.mut\",\"s\":4}", "{\"m\":4}");
        List<Frame> live = advisor2.take().stream().filter(f -> f.type().startsWith("dom.")).toList();
        assertEquals(1, live.size(), live.toString());
        assertEquals("{\"m\":4}", live.get(0).text());
        assertEquals(6, live.get(0).n(), "numbering continues");

        // a late joiner on the next node gets the old room's keyframe and drawings
        FakePeer watcher = new FakePeer("watcher");
        hello(next, watcher, new Participant("sup-1", Role.SUPERVISOR, "Sam"), "w", 0);
        List<String> types = watcher.take().stream().map(Frame::type).toList();
        assertTrue(types.containsAll(List.of("sys.reset", "dom.snap", "ann.begin", "ann.end")), types.toString());
        assertEquals(3, types.stream().filter(t -> t.equals("dom.mut")).count(), types.toString());
    }

    @Test
    void aRoomAlreadyInUseIsNotOverwrittenAndBadStateIsRefused() {
        Room old = new Room(SESSION, LIMITS, clock);
        hello(old, new FakePeer("c"), CUSTOMER, "p", 0);
        Handover h = old.handOver();
        Room busy = new Room(SESSION, LIMITS, clock);
        hello(busy, new FakePeer("c2"), CUSTOMER, "q", 0);
        assertFalse(busy.restore(h));
        Buffer encoded = h.encode();
        assertThrows(IllegalArgumentException.class, () -> Handover.decode(encoded.getBuffer(0, encoded.length()
                - 1).appendString("x!")));
        assertThrows(IllegalArgumentException.class, () -> Handover.decode(Buffer.buffer("{\"v\":2}\n")));
        assertEquals(h.members(), Handover.decode(encoded).members(), "names survive the trip, ✓ included");
    }

    @Test
    void aSharerReconnectingToARoomThatLostThePageIsAskedForASnapshotAFreshLoadIsNot() {
        // a node died: the room on the next node starts empty; a viewer is already back
        Room next = new Room(SESSION, LIMITS, clock);
        FakePeer advisor = new FakePeer("advisor");
        hello(next, advisor, ADVISOR, "console1", 12);
        FakePeer customer = new FakePeer("customer");
        hello(next, customer, CUSTOMER, "page1", 18);
        assertTrue(customer.takeTypes().contains("sys.snapshot-request"), "the page must be sent again");
        // a page loaded afresh sends its snapshot by itself: no request
        Room fresh = new Room(UUID.randomUUID(), LIMITS, clock);
        FakePeer first = new FakePeer("first");
        hello(fresh, first, CUSTOMER, "page2", 0);
        assertFalse(first.takeTypes().contains("sys.snapshot-request"));
    }
}
