package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay log: the latest reliable frames by room sequence, bounded in bytes, resumable only without gaps. */
class ReplayLogTest {

    private static Buffer frame(long n, int size) {
        Buffer b = Buffer.buffer("n" + n);
        while (b.length() < size) {
            b.appendByte((byte) '.');
        }
        return b;
    }

    private static List<String> names(List<Buffer> frames) {
        return frames.stream().map(b -> b.toString().replace(".", "")).toList();
    }

    private static ReplayLog filled(long maxBytes, int count, int size) {
        ReplayLog log = new ReplayLog(maxBytes, Runnable::run);
        for (long n = 1; n <= count; n++) {
            log.add(n, frame(n, size));
        }
        return log;
    }

    @Test
    void afterReturnsExactlyTheFramesAfterNInOrder() {
        ReplayLog log = filled(1000, 5, 10);
        assertEquals(List.of("n3", "n4", "n5"), names(log.after(2, 5)));
        assertEquals(List.of("n5"), names(log.after(4, 5)));
        assertEquals(List.of("n1", "n2", "n3", "n4", "n5"), names(log.after(0, 5)));
    }

    @Test
    void nothingIsMissedWhenTheClientHasTheLastFrame() {
        ReplayLog log = filled(1000, 5, 10);
        assertEquals(List.of(), log.after(5, 5));
        assertEquals(List.of(), new ReplayLog(1000, Runnable::run).after(0, 0));
        assertEquals(List.of(), new ReplayLog(1000, Runnable::run).after(3, 3), "an empty log misses nothing at lastN");
    }

    @Test
    void framesNoLongerKeptMakeTheResumeImpossible() {
        ReplayLog log = filled(30, 5, 10);
        assertEquals(30, log.bytes());
        assertEquals(List.of("n3", "n4", "n5"), names(log.after(2, 5)), "n3 is the oldest kept: contiguous");
        assertNull(log.after(1, 5), "n2 is gone");
        assertNull(log.after(0, 5));
    }

    @Test
    void emptyLogCannotReplayAnythingMissed() {
        assertNull(new ReplayLog(1000, Runnable::run).after(0, 4));
        assertNull(new ReplayLog(1000, Runnable::run).after(3, 4));
    }

    @Test
    void evictsOldestFramesFirstOncePastTheByteBound() {
        ReplayLog log = new ReplayLog(10, Runnable::run);
        log.add(1, frame(1, 4));
        log.add(2, frame(2, 4));
        assertEquals(8, log.bytes());
        log.add(3, frame(3, 2));
        assertEquals(10, log.bytes(), "exactly at the bound everything is kept");
        assertEquals(List.of("n1", "n2", "n3"), names(log.after(0, 3)));
        log.add(4, frame(4, 3));
        assertEquals(9, log.bytes());
        assertEquals(List.of("n2", "n3", "n4"), names(log.after(1, 4)));
        assertNull(log.after(0, 4));
        log.add(5, frame(5, 9));
        assertEquals(9, log.bytes(), "evicts as many as needed");
        assertEquals(List.of("n5"), names(log.after(4, 5)));
        assertNull(log.after(3, 5));
    }

    @Test
    void keepsTheNewestFrameEvenWhenItAloneExceedsTheBound() {
        ReplayLog log = new ReplayLog(10, Runnable::run);
        log.add(1, frame(1, 5));
        log.add(2, frame(2, 50));
        assertEquals(50, log.bytes());
        assertEquals(List.of("n2"), names(log.after(1, 2)));
        log.add(3, frame(3, 60));
        assertEquals(60, log.bytes());
        assertEquals(List.of("n3"), names(log.after(2, 3)));
        assertNull(log.after(1, 3));
    }

    @Test
    void clearForgetsEverything() {
        ReplayLog log = filled(1000, 3, 10);
        log.clear();
        assertEquals(0, log.bytes());
        assertNull(log.after(1, 3));
        log.add(4, frame(4, 10));
        assertEquals(10, log.bytes());
        assertEquals(List.of("n4"), names(log.after(3, 4)));
    }

    @Test
    void bytesStayWithinTheBoundOverALongRun() {
        ReplayLog log = new ReplayLog(1000, Runnable::run);
        for (long n = 1; n <= 5000; n++) {
            log.add(n, frame(n, 1 + (int) (n * 7919 % 97)));
            assertTrue(log.bytes() <= 1000, "n=" + n);
        }
        List<Buffer> tail = log.after(4990, 5000);
        assertEquals(10, tail.size());
        assertEquals("n4991", names(tail).get(0));
    }
}
