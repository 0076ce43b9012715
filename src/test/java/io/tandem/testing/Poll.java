package io.tandem.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits on a condition outside a browser (REST answers, server state, files) by asking again every few milliseconds
 * until it holds or the time is up; tests wait on conditions, never for a fixed time.
 */
public final class Poll {

    private static final long EVERY_MS = 25;

    private Poll() {}

    /**
     * Probes until {@code done} accepts the value and returns it; fails with the last value after {@code timeout}.
     * Exceptions from the probe are not retried: they fail the test at once.
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("after " + timeout.toMillis() + " ms, still not " + what + "; last: " + value);
            }
            pause();
        }
    }

    /** Waits until the condition holds; fails after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition::getAsBoolean, Boolean::booleanValue, what);
    }

    private static void pause() {
        try {
            Thread.sleep(EVERY_MS); // the polling interval, not a wait for something to have happened
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
