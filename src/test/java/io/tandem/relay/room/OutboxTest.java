package io.tandem.relay.room;

import io.tandem.testing.FakePeer;
import io.tandem.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One recipient's outbox: reliable frames in order or a resync, latest-wins slots, and the memory bound. */
class OutboxTest {

    private static final long LIMIT = 1000;
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private MutableClock clock;
    private FakePeer peer;
    private int resyncs;
    private Outbox outbox;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        peer = new FakePeer("viewer").holdWrites();
        resyncs = 0;
        outbox = new Outbox(peer, LIMIT, clock::instant, () -> resyncs++);
    }

    private static Buffer frame(String name, int size) {
        Buffer b = Buffer.buffer(name);
        while (b.length() < size) {
            b.appendByte((byte) '.');
        }
        return b;
    }

    private List<String> sentNames() {
        return peer.sent().stream().map(b -> b.toString().replace(".", "")).toList();
    }

    @Test
    void recipientThatKeepsUpGetsEveryFrameInOrder() {
        FakePeer fast = new FakePeer("fast");
        Outbox o = new Outbox(fast, LIMIT, clock::instant, () -> resyncs++);
        for (int i = 0; i < 50; i++) {
            o.reliable(frame("r" + i, 900));
            o.latest("k", frame("l" + i, 900));
            o.always(frame("a" + i, 900));
        }
        assertEquals(150, fast.sent().size());
        assertEquals("r0", fast.sent().get(0).toString().replace(".", ""));
        assertEquals("l0", fast.sent().get(1).toString().replace(".", ""));
        assertEquals("a49", fast.sent().get(149).toString().replace(".", ""));
        assertEquals(0, o.inFlight());
        assertFalse(o.isOutOfSync());
        assertNull(o.slowSince());
        assertEquals(0, resyncs);
    }

    @Test
    void countsBytesInFlightUntilTheyAreWritten() {
        outbox.reliable(frame("r1", 100));
        outbox.reliable(frame("r2", 200));
        assertEquals(300, outbox.inFlight());
        peer.completeWrites(1);
        assertEquals(200, outbox.inFlight());
        peer.completeWrites(1);
        assertEquals(0, outbox.inFlight());
    }

    @Test
    void reliableFramesUpToTheLimitAreWrittenAndTheOverflowingOneStopsThem() {
        outbox.reliable(frame("r1", 600));
        outbox.reliable(frame("r2", 400));
        assertEquals(List.of("r1", "r2"), sentNames(), "exactly at the limit is still in sync");
        assertFalse(outbox.isOutOfSync());

        outbox.reliable(frame("r3", 1));
        assertTrue(outbox.isOutOfSync());
        outbox.reliable(frame("r4", 1));
        peer.completeWrites(1);
        outbox.reliable(frame("r5", 1));
        assertEquals(List.of("r1", "r2"), sentNames(), "no reliable frame after a gap, even one that would fit");
        assertEquals(400, outbox.inFlight());
    }

    @Test
    void firstReliableFrameIsWrittenEvenWhenLargerThanTheLimit() {
        outbox.reliable(frame("big", 1500));
        assertEquals(List.of("big"), sentNames());
        assertFalse(outbox.isOutOfSync());
        assertEquals(T0, outbox.slowSince(), "more than the limit in flight counts as slow");
        outbox.reliable(frame("r2", 1));
        assertTrue(outbox.isOutOfSync());
    }

    @Test
    void latestFramesWaitInOneSlotPerKeyAndTheNewestOfEachIsFlushedOnDrain() {
        outbox.reliable(frame("r1", 300));
        outbox.latest("a", frame("a1", 10));
        outbox.latest("b", frame("b1", 10));
        outbox.latest("a", frame("a2", 10));
        outbox.latest("c", frame("c1", 10));
        outbox.latest("b", frame("b2", 10));
        assertEquals(List.of("r1"), sentNames(), "above the low-water mark latest-wins frames wait");
        assertEquals(300, outbox.inFlight(), "waiting frames are not in flight");

        peer.completeWrites(1);
        assertEquals(List.of("r1", "a2", "c1", "b2"), sentNames(), "newest per key, most recently updated last");
        assertEquals(30, outbox.inFlight());
        peer.completeAllWrites();
        assertEquals(4, peer.sent().size(), "flushed slots are empty");
    }

    @Test
    void latestFramesAreSentAtOnceAtOrBelowTheLowWaterMark() {
        outbox.reliable(frame("r1", 250));
        outbox.latest("a", frame("a1", 10));
        assertEquals(List.of("r1", "a1"), sentNames(), "250 in flight is a quarter of the limit: not behind");
        outbox.latest("a", frame("a2", 10));
        assertEquals(List.of("r1", "a1"), sentNames());
    }

    @Test
    void waitingLatestFramesAreFlushedOnceDrainedToTheLowWaterMark() {
        outbox.reliable(frame("r1", 200));
        outbox.reliable(frame("r2", 100));
        outbox.latest("a", frame("a1", 10));
        assertEquals(List.of("r1", "r2"), sentNames());
        peer.completeWrites(1);
        assertEquals(List.of("r1", "r2", "a1"), sentNames());
        assertEquals(110, outbox.inFlight());
    }

    @Test
    void drainingToZeroWhileOutOfSyncResyncsExactlyOnce() {
        outbox.reliable(frame("r1", 600));
        outbox.reliable(frame("r2", 400));
        outbox.reliable(frame("r3", 10));
        assertTrue(outbox.isOutOfSync());
        peer.completeWrites(1);
        assertEquals(0, resyncs, "400 still in flight");
        assertTrue(outbox.isOutOfSync());
        peer.completeWrites(1);
        assertEquals(1, resyncs);
        assertFalse(outbox.isOutOfSync());

        outbox.reliable(frame("r4", 10));
        assertEquals(List.of("r1", "r2", "r4"), sentNames(), "in sync again after the resync");
        peer.completeAllWrites();
        outbox.reliable(frame("r5", 10));
        peer.completeAllWrites();
        assertEquals(1, resyncs);
    }

    @Test
    void staysOutOfSyncWhileLatestFramesKeepItBusyAndResyncsOnceItIsIdle() {
        outbox.reliable(frame("r1", 700));
        outbox.reliable(frame("r2", 200));
        outbox.reliable(frame("r3", 200));
        assertTrue(outbox.isOutOfSync());
        clock.advance(Duration.ofSeconds(1));
        outbox.latest("p", frame("p1", 10));
        peer.completeWrites(1);
        assertEquals(List.of("r1", "r2", "p1"), sentNames(), "the waiting pointer is flushed at the low-water mark");
        outbox.latest("p", frame("p2", 10));
        assertEquals(List.of("r1", "r2", "p1", "p2"), sentNames());
        assertEquals(T0, outbox.slowSince(), "still out of sync: still slow");
        peer.completeWrites(2);
        assertEquals(10, outbox.inFlight());
        assertEquals(0, resyncs);
        assertTrue(outbox.isOutOfSync());
        peer.completeWrites(1);
        assertEquals(1, resyncs);
        assertFalse(outbox.isOutOfSync());
        assertNull(outbox.slowSince());
    }

    @Test
    void resyncComesBeforeTheWaitingLatestFrames() {
        Outbox[] self = new Outbox[1];
        self[0] = new Outbox(peer, LIMIT, clock::instant, () -> self[0].always(frame("reset", 5)));
        Outbox o = self[0];
        o.reliable(frame("r1", 900));
        o.latest("a", frame("a1", 10));
        o.reliable(frame("r2", 200));
        assertTrue(o.isOutOfSync());
        peer.completeWrites(1);
        assertEquals(List.of("r1", "reset", "a1"), sentNames());
        assertFalse(o.isOutOfSync());
    }

    @Test
    void slowSinceIsSetWhenMoreThanTheLimitIsInFlightAndClearedAtTheLowWaterMark() {
        outbox.always(frame("a1", 600));
        assertNull(outbox.slowSince());
        clock.advance(Duration.ofSeconds(1));
        Instant t1 = clock.instant();
        outbox.always(frame("a2", 500));
        assertEquals(t1, outbox.slowSince());
        clock.advance(Duration.ofSeconds(1));
        outbox.always(frame("a3", 10));
        assertEquals(t1, outbox.slowSince(), "keeps the time it started");
        peer.completeWrites(1);
        assertEquals(510, outbox.inFlight());
        assertEquals(t1, outbox.slowSince(), "above the low-water mark it is still behind");
        peer.completeWrites(1);
        assertEquals(10, outbox.inFlight());
        assertNull(outbox.slowSince());
        assertEquals(0, resyncs);
    }

    @Test
    void goingOutOfSyncMarksSlowAndKeepsAnEarlierStart() {
        outbox.reliable(frame("r1", 800));
        clock.advance(Duration.ofSeconds(2));
        outbox.reliable(frame("r2", 300));
        assertEquals(T0.plusSeconds(2), outbox.slowSince());

        Outbox o = new Outbox(peer, LIMIT, clock::instant, () -> resyncs++);
        Instant slow = clock.instant();
        o.always(frame("a", 1100));
        clock.advance(Duration.ofSeconds(3));
        o.reliable(frame("r", 10));
        assertTrue(o.isOutOfSync());
        assertEquals(slow, o.slowSince());
    }

    @Test
    void slowSinceStaysWhileOutOfSyncUntilTheResync() {
        outbox.reliable(frame("r1", 700));
        outbox.reliable(frame("r2", 200));
        outbox.reliable(frame("r3", 200));
        assertEquals(T0, outbox.slowSince());
        peer.completeWrites(1);
        assertEquals(200, outbox.inFlight());
        assertEquals(T0, outbox.slowSince(), "out of sync at the low-water mark: a resync is still due");
        peer.completeWrites(1);
        assertEquals(1, resyncs);
        assertNull(outbox.slowSince());
    }

    @Test
    void bytesHandedToARecipientThatNeverReadsStayWithinTheLimitPlusOneMessage() {
        Random random = new Random(1234);
        int largest = 0;
        for (int i = 0; i < 5000; i++) {
            int size = 1 + random.nextInt(200);
            largest = Math.max(largest, size);
            if (random.nextInt(3) == 0) {
                outbox.latest("k" + random.nextInt(20), frame("l", size));
            } else {
                outbox.reliable(frame("r", size));
            }
            assertTrue(peer.bytesSent() <= LIMIT + largest, "after " + i + ": " + peer.bytesSent());
        }
        assertTrue(outbox.isOutOfSync());
        assertEquals(peer.bytesSent(), outbox.inFlight());
    }

    @Test
    void flushingWaitingLatestFramesStaysWithinTheLimitPlusOneMessage() {
        // the class promises memory per recipient within the bound plus one message; each key's slot is a message
        outbox.reliable(frame("r1", 900));
        for (int i = 0; i < 40; i++) {
            outbox.latest("node" + i, frame("s" + i, 100));
        }
        assertEquals(List.of("r1"), sentNames());
        peer.completeWrites(1);
        assertTrue(outbox.inFlight() <= LIMIT + 100,
                "flushing the slots put " + outbox.inFlight() + " bytes in flight at once, limit " + LIMIT);
    }
}
