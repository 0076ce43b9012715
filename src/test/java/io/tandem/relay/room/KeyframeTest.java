package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyframe: snapshot, incrementals in order, latest values per key, and its two bounds. */
class KeyframeTest {

    private static Buffer frame(String name, int size) {
        if (size < name.length()) {
            throw new IllegalArgumentException(name + " needs at least " + name.length() + " bytes");
        }
        Buffer b = Buffer.buffer(name);
        while (b.length() < size) {
            b.appendByte((byte) '.');
        }
        return b;
    }

    private static List<String> names(Keyframe k) {
        return k.frames().stream().map(b -> b.toString().replace(".", "")).toList();
    }

    @Test
    void isEmptyUntilTheFirstSnapshotAndIgnoresEverythingBeforeIt() {
        Keyframe k = new Keyframe(100, Runnable::run);
        assertTrue(k.isEmpty());
        assertFalse(k.incremental(frame("m1", 10)));
        k.latest("scroll", frame("s1", 10));
        assertTrue(k.isEmpty());
        assertEquals(List.of(), k.frames());
        assertEquals(0, k.bytes());
    }

    @Test
    void framesAreTheSnapshotThenIncrementalsInArrivalOrderThenLatestValues() {
        Keyframe k = new Keyframe(1000, Runnable::run);
        Buffer snap = frame("snap", 10);
        k.snapshot(snap);
        k.latest("scroll", frame("s1", 5));
        assertFalse(k.incremental(frame("m1", 5)));
        k.latest("viewport", frame("v1", 5));
        assertFalse(k.incremental(frame("m2", 5)));
        assertFalse(k.incremental(frame("nav", 5)));
        assertEquals(List.of("snap", "m1", "m2", "nav", "s1", "v1"), names(k));
        assertArrayEquals(snap.getBytes(), k.frames().get(0).getBytes(), "the snapshot as forwarded, byte for byte");
        assertFalse(k.isEmpty());
    }

    @Test
    void latestValueReplacesTheOlderOneOfItsKeyAndMovesItLast() {
        Keyframe k = new Keyframe(1000, Runnable::run);
        k.snapshot(frame("snap", 4));
        k.latest("a", frame("a1", 2));
        k.latest("b", frame("b1", 2));
        k.latest("c", frame("c1", 2));
        k.latest("a", frame("a2", 2));
        assertEquals(List.of("snap", "b1", "c1", "a2"), names(k));
        k.latest("b", frame("b2", 2));
        assertEquals(List.of("snap", "c1", "a2", "b2"), names(k));
    }

    @Test
    void newSnapshotReplacesSnapshotIncrementalsAndLatestValues() {
        Keyframe k = new Keyframe(1000, Runnable::run);
        k.snapshot(frame("snap1", 10));
        k.incremental(frame("m1", 10));
        k.latest("a", frame("a1", 10));
        k.snapshot(frame("snap2", 10));
        assertEquals(List.of("snap2"), names(k));
        assertEquals(10, k.bytes());
    }

    @Test
    void clearForgetsThePage() {
        Keyframe k = new Keyframe(1000, Runnable::run);
        k.snapshot(frame("snap", 10));
        k.incremental(frame("m1", 10));
        k.latest("a", frame("a1", 10));
        k.clear();
        assertTrue(k.isEmpty());
        assertEquals(List.of(), k.frames());
        assertEquals(0, k.bytes());
        assertFalse(k.incremental(frame("m2", 10)), "incrementals after a clear wait for a snapshot");
        assertEquals(List.of(), k.frames());
    }

    @Test
    void bytesCountSnapshotIncrementalsAndCurrentLatestValues() {
        Keyframe k = new Keyframe(1000, Runnable::run);
        k.snapshot(frame("snap", 100));
        k.incremental(frame("m1", 30));
        k.incremental(frame("m2", 20));
        k.latest("a", frame("a1", 7));
        k.latest("b", frame("b1", 5));
        assertEquals(162, k.bytes());
        k.latest("a", frame("a2", 3));
        assertEquals(158, k.bytes(), "a replaced value no longer counts");
    }

    @Test
    void crossingTheBudgetAsksForASnapshotExactlyOnceUntilTheNextSnapshot() {
        Keyframe k = new Keyframe(100, Runnable::run);
        k.snapshot(frame("snap", 500));
        assertFalse(k.incremental(frame("m1", 40)));
        assertFalse(k.incremental(frame("m2", 40)));
        assertFalse(k.incremental(frame("m3", 20)), "exactly at the budget has not passed it");
        assertTrue(k.incremental(frame("m4", 2)), "102 bytes pass a budget of 100");
        assertFalse(k.incremental(frame("m5", 30)));
        assertFalse(k.incremental(frame("m6", 30)));
        assertEquals(List.of("snap", "m1", "m2", "m3", "m4", "m5", "m6"), names(k),
                "between the budget and twice the budget incrementals are still kept");

        k.snapshot(frame("snap2", 500));
        assertFalse(k.incremental(frame("m7", 100)));
        assertTrue(k.incremental(frame("m8", 2)), "the next snapshot re-arms the request");
        assertFalse(k.incremental(frame("m9", 2)));
    }

    @Test
    void pastTwiceTheBudgetIncrementalsAreDroppedUntilTheNextSnapshot() {
        Keyframe k = new Keyframe(100, Runnable::run);
        k.snapshot(frame("snap", 50));
        k.latest("a", frame("a1", 10));
        assertFalse(k.incremental(frame("m1", 60)));
        assertTrue(k.incremental(frame("m2", 60)));
        assertFalse(k.incremental(frame("m3", 80)), "exactly twice the budget is still kept");
        assertEquals(List.of("snap", "m1", "m2", "m3", "a1"), names(k));
        assertEquals(260, k.bytes());

        assertFalse(k.incremental(frame("m4", 2)), "the snapshot was already asked for");
        assertTrue(k.isEmpty(), "a keyframe missing incrementals is no keyframe");
        assertEquals(List.of(), k.frames());
        assertEquals(0, k.bytes());

        assertFalse(k.incremental(frame("m5", 2)));
        k.latest("a", frame("a2", 10));
        assertTrue(k.isEmpty());
        assertEquals(0, k.bytes());

        k.snapshot(frame("snap2", 50));
        assertFalse(k.incremental(frame("m6", 2)));
        k.latest("a", frame("a3", 10));
        assertEquals(List.of("snap2", "m6", "a3"), names(k));
        assertEquals(62, k.bytes());
        assertTrue(k.incremental(frame("m7", 100)), "the budget request is re-armed after the new snapshot");
    }

    @Test
    void incrementalJumpingPastTwiceTheBudgetAtOnceStillAsksForASnapshot() {
        // with an incremental budget below the message size limit one frame can pass both bounds at once; the
        // keyframe is then dropped, and without a request nobody would ever send the snapshot it waits for
        Keyframe k = new Keyframe(100, Runnable::run);
        k.snapshot(frame("snap", 50));
        assertFalse(k.incremental(frame("m1", 30)));
        assertTrue(k.incremental(frame("big", 250)),
                "the budget was passed, so a snapshot must be requested even though the frame was dropped");
        assertTrue(k.isEmpty());
    }

    @Test
    void latestValuesUnderEverNewKeysStayWithinTheKeyframeBound() {
        // keys are chosen by the sharer (any node id): without a bound a sharer scrolling "new" nodes grows the
        // keyframe until the next snapshot, which nothing requests because only incrementals count
        Keyframe k = new Keyframe(100, Runnable::run);
        k.snapshot(frame("snap", 50));
        for (int i = 0; i < 1000; i++) {
            k.latest("node" + i, frame("v" + i, 10));
        }
        assertTrue(k.bytes() <= 50 + 2 * 100, "keyframe holds " + k.bytes() + " bytes for a budget of 100");
    }
}
