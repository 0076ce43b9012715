package io.tandem.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-connection token bucket: a burst at once, then the refill rate, never more than the burst saved up. */
class MessageBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstAtOnceThenRefuses() {
        MessageBucket bucket = new MessageBucket(200, 20, 0);

        for (int i = 0; i < 200; i++) {
            assertTrue(bucket.take(0), "message " + i + " of the burst");
        }
        assertFalse(bucket.take(0));
        assertFalse(bucket.take(SECOND / 20 - 1), "just short of one message's refill");
    }

    @Test
    void refillsAtTheRate() {
        MessageBucket bucket = new MessageBucket(200, 20, 0);
        for (int i = 0; i < 200; i++) {
            bucket.take(0);
        }

        assertTrue(bucket.take(SECOND / 20));
        assertFalse(bucket.take(SECOND / 20));
        // one second later: 20 more, not 21
        long t = SECOND / 20 + SECOND;
        for (int i = 0; i < 20; i++) {
            assertTrue(bucket.take(t), "refilled message " + i);
        }
        assertFalse(bucket.take(t));
    }

    @Test
    void aSteadySenderAtTheRateIsNeverRefused() {
        MessageBucket bucket = new MessageBucket(5, 20, 0);
        for (int i = 1; i <= 10_000; i++) {
            assertTrue(bucket.take(i * (SECOND / 20)), "message " + i);
        }
    }

    @Test
    void savesUpNoMoreThanTheBurst() {
        MessageBucket bucket = new MessageBucket(10, 20, 0);
        long hourLater = 3600 * SECOND;

        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.take(hourLater));
        }
        assertFalse(bucket.take(hourLater));
    }

    @Test
    void worksAcrossTheWrapOfNanoTime() {
        long start = Long.MAX_VALUE - SECOND / 40;
        MessageBucket bucket = new MessageBucket(1, 20, start);

        assertTrue(bucket.take(start));
        assertFalse(bucket.take(start + 1));
        assertTrue(bucket.take(start + SECOND / 20)); // overflows to a negative nanoTime, 50 ms later
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new MessageBucket(0, 20, 0));
        assertThrows(IllegalArgumentException.class, () -> new MessageBucket(200, 0, 0));
    }
}
