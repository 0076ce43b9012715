package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.relay.protocol.Role;
import io.tandem.relay.listener.FrameSink;
import io.tandem.testing.FakePeer.Frame;
import io.tandem.testing.MutableClock;
import io.tandem.testing.RoomHarness;
import io.tandem.testing.RoomHarness.Conn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the keyframe and replay log held deflated (packed at once here), a late joiner, a viewer resuming after a drop
 * and a handed-over room still get exactly the bytes that were relayed live.
 */
class RoomPackedFramesTest {

    private static final Participant CUSTOMER = new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, "Carla");
    private static final Participant ADVISOR = new Participant("adv-1", Role.ADVISOR, "Alex");
    private static final Participant ADVISOR2 = new Participant("adv-2", Role.ADVISOR, "Bea");
    private static final Participant LATE = new Participant("adv-3", Role.ADVISOR, "Cem");
    private static final RoomLimits LIMITS = new RoomLimits(10_000_000, Duration.ofSeconds(20), 1_000_000, 400_000,
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private final Random random = new Random(11);
    private Room room;
    private final RoomHarness harness = new RoomHarness(() -> room);

    @BeforeEach
    void setUp() {
        room = new Room(UUID.randomUUID(), LIMITS, new MutableClock(Instant.parse("2026-12-01T10:00:00Z")),
                FrameSink.NONE, Runnable::run);
    }

    private String payload(int size) {
        return FrameBlockTest.json(random, size).toString();
    }

    private static List<Frame> of(List<Frame> frames, String prefix) {
        return frames.stream().filter(f -> f.type().startsWith(prefix)).toList();
    }

    private static void assertSameBytes(List<Frame> expected, List<Frame> actual) {
        assertEquals(expected.stream().map(Frame::type).toList(), actual.stream().map(Frame::type).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).raw().getBytes(), actual.get(i).raw().getBytes(), "frame " + i);
        }
    }

    @Test
    void lateJoinerGetsTheSnapshotAndIncrementalsByteForByte() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        customer.reliable("dom.snap", payload(250_000));
        for (int i = 0; i < 60; i++) {
            customer.reliable("dom.mut", payload(1_000 + random.nextInt(4_000)));
        }
        customer.send("{\"t\":\"dom.scroll\",\"k\":\"page\"}", "{\"y\":120}");
        List<Frame> live = of(advisor.take(), "dom.");
        assertEquals(62, live.size());

        List<Frame> late = of(harness.join(LATE).take(), "dom.");
        assertSameBytes(live, late);
    }

    @Test
    void viewerResumingAfterADropGetsExactlyTheFramesItMissedAcrossSealedRuns() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        Conn dropping = harness.join(ADVISOR2);
        customer.reliable("dom.snap", payload(100_000));
        for (int i = 0; i < 10; i++) {
            customer.reliable("dom.mut", payload(3_000));
        }
        long seen = dropping.take().stream().mapToLong(Frame::n).max().orElseThrow();
        dropping.closed();
        advisor.take();
        customer.reliable("dom.snap", payload(120_000));
        for (int i = 0; i < 40; i++) {
            customer.reliable("dom.mut", payload(1_000 + random.nextInt(4_000)));
        }
        List<Frame> live = of(advisor.take(), "dom.");

        List<Frame> resumed = harness.join(ADVISOR2, "e2", seen).take();
        assertTrue(resumed.stream().noneMatch(f -> f.type().equals("sys.reset")), "resumed from the log");
        assertSameBytes(live, of(resumed, "dom."));
    }

    @Test
    void handedOverRoomReplaysTheSameBytes() {
        Conn customer = harness.join(CUSTOMER);
        Conn advisor = harness.join(ADVISOR);
        customer.reliable("dom.snap", payload(200_000));
        for (int i = 0; i < 30; i++) {
            customer.reliable("dom.mut", payload(2_000 + random.nextInt(3_000)));
        }
        List<Frame> live = of(advisor.take(), "dom.");
        Handover handover = Handover.decode(room.handOver().encode());
        room = new Room(UUID.randomUUID(), LIMITS, new MutableClock(Instant.parse("2026-12-01T10:05:00Z")),
                FrameSink.NONE, Runnable::run);
        assertTrue(room.restore(handover));

        assertSameBytes(live, of(harness.join(ADVISOR, "e2", 0).take(), "dom."));
        assertSameBytes(live.subList(11, live.size()), of(harness.join(ADVISOR2, "e1", 11).take(), "dom."));
    }
}
