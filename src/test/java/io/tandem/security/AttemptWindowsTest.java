package io.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AttemptWindowsTest {

    private static final long MINUTE = 60_000;

    private final AttemptWindows windows = new AttemptWindows(MINUTE, 100);

    @Test
    void countsUpToTheLimitThenTellsWhenTheOldestAttemptLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, windows.acquire("a", 5, i * 10_000L));
        }
        // attempts at 0, 10, 20, 30, 40 s; at 50 s the first leaves the window at 60 s
        assertEquals(10_000, windows.acquire("a", 5, 50_000));
        assertEquals(0, windows.acquire("b", 5, 50_000), "another key is unaffected");
        assertEquals(0, windows.acquire("a", 5, 60_001));
    }

    @Test
    void aReleasedAttemptNoLongerCounts() {
        for (int i = 0; i < 5; i++) {
            windows.acquire("a", 5, i);
        }
        windows.release("a", 3);
        assertEquals(0, windows.acquire("a", 5, 10));
        assertTrue(windows.acquire("a", 5, 11) > 0);
    }

    @Test
    void concurrentAttemptsCannotOutrunTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return windows.acquire("a", 5, 1_000);
                }));
            }
            go.countDown();
            int counted = 0;
            for (Future<Long> answer : answers) {
                counted += answer.get() == 0 ? 1 : 0;
            }
            assertEquals(5, counted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void memoryIsBoundedByTheKeyCapAndPurgeDropsIdleKeys() {
        for (int i = 0; i < 250; i++) {
            windows.acquire("client-" + i, 5, 1_000);
        }
        assertTrue(windows.keys() <= 100, windows.keys() + " keys");
        windows.purge(1_000 + MINUTE);
        assertEquals(0, windows.keys());
    }
}
