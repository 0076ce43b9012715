package io.tandem.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule: full jitter under a bound that doubles up to a cap, retried until the window has passed. */
class BackoffTest {

    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void theBoundDoublesPerFailureUpToTheCapAndTheDelayIsDrawnBelowIt() {
        List<Long> bounds = new ArrayList<>();
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(25), bound -> {
            bounds.add(bound);
            return bound - 1; // the largest delay full jitter can draw
        });
        for (int failures = 1; failures <= 12; failures++) {
            Backoff.Next next = backoff.after(failures, START, START.plusSeconds(60));
            assertFalse(next.dead());
        }
        assertEquals(List.of(10_001L, 20_001L, 40_001L, 80_001L, 160_001L, 320_001L, 640_001L, 1_280_001L,
                2_560_001L, 3_600_001L, 3_600_001L, 3_600_001L), bounds);
        Backoff zero = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(25), bound -> 0);
        assertEquals(START.plusSeconds(60), zero.after(3, START, START.plusSeconds(60)).at(),
                "full jitter may retry at once");
    }

    @Test
    void aFailureOnceTheWindowHasPassedMakesADeadLetter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24), b -> b / 2);
        assertFalse(backoff.after(40, START, START.plus(Duration.ofHours(24)).minusMillis(1)).dead());
        assertTrue(backoff.after(41, START, START.plus(Duration.ofHours(24))).dead());
    }

    @Test
    void aScheduleOfRandomDelaysRetriesThroughoutTheWindow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24),
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound));
        Instant now = START;
        int attempts = 1;
        Backoff.Next next;
        while (!(next = backoff.after(attempts, START, now)).dead()) {
            assertTrue(!next.at().isBefore(now) && !next.at().isAfter(now.plus(Duration.ofHours(1))));
            now = next.at();
            attempts++;
        }
        assertTrue(!now.isBefore(START.plus(Duration.ofHours(24))), "tried for the whole window");
        assertTrue(attempts < 200, "but not in a tight loop: " + attempts);
    }
}
