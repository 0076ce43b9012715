package io.tandem.relay.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rate limit of a participant's budget: a full burst at once, then the average rate, never more than the burst. */
class TokenBucketTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void startsFullAndAllowsExactlyTheBurstAtOnce() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        for (int i = 0; i < 400; i++) {
            assertTrue(b.take(1, 0), "message " + (i + 1));
        }
        assertFalse(b.take(1, 0));
    }

    @Test
    void aChargeGoesIntoDebtAndSaysHowLongUntilTheBalanceIsBack() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        assertEquals(0, b.charge(400, 0), "the burst costs no wait");
        assertEquals(5 * MS, b.charge(1, 0), 1000.0, "one over at 200/s: 5 ms");
        assertEquals(50 * MS, b.charge(9, 0), 1000.0, "ten over: 50 ms, all ten taken");
        assertEquals(0, b.charge(0, 50 * MS + 1000), "50 ms later the debt is paid");
        assertFalse(b.full(50 * MS + 1000));
        assertTrue(b.full(2050 * MS + 1000), "and two seconds more refill the burst");
    }

    @Test
    void refillsAtTheConfiguredRate() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        assertTrue(b.take(400, 0));
        assertTrue(b.take(1, 5 * MS), "200/s is one token every 5 ms");
        assertFalse(b.take(1, 5 * MS));
        assertFalse(b.take(1, 9 * MS));
        // a poll in between leaves a rounding error of one ulp (0.9999999999999999 tokens at exactly 10 ms)
        assertTrue(b.take(1, 10 * MS + 1000));
        assertFalse(b.take(1, 10 * MS + 1000));
        long now = 10 * MS + 1000 + S;
        for (int i = 0; i < 200; i++) {
            assertTrue(b.take(1, now), "token " + (i + 1) + " of a second's worth");
        }
        assertFalse(b.take(1, now));
    }

    @Test
    void sustainsTheAverageRateIndefinitely() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        assertTrue(b.take(400, 0));
        int sent = 0;
        for (long t = 0; t <= 10 * S; t += MS) {
            while (b.take(1, t)) {
                sent++;
            }
        }
        assertTrue(sent >= 1999 && sent <= 2000, "10 s at 200/s after an empty start, got " + sent);
    }

    @Test
    void neverHoldsMoreThanTheBurstHoweverLongItRests() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        assertTrue(b.take(400, 0));
        long later = 3600 * S;
        assertTrue(b.take(400, later));
        assertFalse(b.take(1, later));
        TokenBucket rested = new TokenBucket(1e9, 10, 0);
        assertFalse(rested.take(11, Long.MAX_VALUE / 2));
        assertTrue(rested.take(10, Long.MAX_VALUE / 2));
    }

    @Test
    void requestLargerThanTheBurstIsRefusedAndTakesNothing() {
        TokenBucket bytes = new TokenBucket(4_194_304, 12_582_912, 0);
        assertFalse(bytes.take(12_582_913, 0));
        assertFalse(bytes.take(12_582_913, 3600 * S));
        assertTrue(bytes.take(12_582_912, 3600 * S), "the refused request took no tokens");
    }

    @Test
    void largeRequestWithinTheBurstTakesItsBytes() {
        TokenBucket bytes = new TokenBucket(4_194_304, 12_582_912, 0);
        assertTrue(bytes.take(8_388_608, 0));
        assertFalse(bytes.take(4_194_305, 0));
        assertTrue(bytes.take(4_194_304, 0));
        assertFalse(bytes.take(1, 0));
        assertFalse(bytes.take(4_194_304, S / 2));
        assertTrue(bytes.take(4_194_304, S), "one second refills one second's worth");
    }

    @Test
    void refusedRequestDoesNotConsumeTokens() {
        TokenBucket b = new TokenBucket(10, 10, 0);
        assertTrue(b.take(6, 0));
        assertFalse(b.take(5, 0));
        assertTrue(b.take(4, 0));
        assertFalse(b.take(0.5, 0));
    }

    @Test
    void worksWithNegativeNanoTimes() {
        long start = Long.MIN_VALUE / 2;
        TokenBucket b = new TokenBucket(200, 400, start);
        assertTrue(b.take(400, start));
        assertFalse(b.take(1, start + MS));
        assertTrue(b.take(1, start + 5 * MS + 1000));
        assertFalse(b.take(1, start + 5 * MS + 1000));
    }

    @Test
    void isFullOnlyOnceRefilledToItsBurst() {
        TokenBucket b = new TokenBucket(200, 400, 0);
        assertTrue(b.full(0));
        assertTrue(b.take(1, 0));
        assertFalse(b.full(0));
        assertFalse(b.full(4 * MS));
        assertTrue(b.full(5 * MS + 1000), "one token back after 5 ms at 200/s");
    }

    @Test
    void anOlderReadingFromAnotherThreadNeverTakesTokensBack() {
        TokenBucket b = new TokenBucket(200, 400, S);
        assertTrue(b.take(399, S));
        // two sockets of one participant on two event loops: one read the clock a little before the other
        assertTrue(b.take(1, S - 5 * MS), "the token left is still there");
        assertFalse(b.take(1, S));
        assertTrue(b.take(1, S + 5 * MS + 1000));
    }
}
