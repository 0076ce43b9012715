package io.tandem.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ended sessions are remembered for the memory (longer than a token lives), within a bounded number of entries. */
class EndedSessionsTest {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 60_000_000_000L); // wraps during the tests
    private final EndedSessions ended = new EndedSessions(Duration.ofMinutes(15), 3, now::get);

    @Test
    void rememberedForTheMemoryThenForgotten() {
        ended.end("s-1");

        assertTrue(ended.ended("s-1"));
        assertFalse(ended.ended("s-2"));
        now.addAndGet(Duration.ofMinutes(15).minusNanos(1).toNanos());
        assertTrue(ended.ended("s-1"), "still within 15 minutes");
        now.addAndGet(1);
        assertFalse(ended.ended("s-1"));
        assertEquals(0, ended.size());
    }

    @Test
    void keepsAtMostTheCapacityForgettingTheOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            ended.end("s-" + i);
            now.addAndGet(1_000);
        }

        assertEquals(3, ended.size());
        assertFalse(ended.ended("s-1"));
        assertFalse(ended.ended("s-2"));
        assertTrue(ended.ended("s-3") && ended.ended("s-4") && ended.ended("s-5"));
    }

    @Test
    void endingAgainStartsTheMemoryAgain() {
        ended.end("s-1");
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        ended.end("s-1");
        now.addAndGet(Duration.ofMinutes(10).toNanos());

        assertTrue(ended.ended("s-1"));
        assertEquals(1, ended.size());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new EndedSessions(Duration.ZERO, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new EndedSessions(Duration.ofMinutes(1), 0, now::get));
    }
}
