package io.tandem.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * The retry schedule: exponential back-off with full jitter. After the n-th failed attempt the next waits a random time
 * between zero and min(max, initial × 2^(n−1)); a failure once the window since the first attempt has passed makes the
 * delivery a dead letter, so every delivery is tried for at least the window.
 */
public record Backoff(Duration initial, Duration max, Duration window, LongUnaryOperator random) {

    /** What to do after a failed attempt: retry at {@code at}, or give up (at is null). */
    public record Next(Instant at) {
        public boolean dead() {
            return at == null;
        }
    }

    /**
     * @param failures attempts failed so far, this one included (1 after the first)
     * @param windowStart when the delivery was first due (or redelivered)
     */
    public Next after(int failures, Instant windowStart, Instant now) {
        if (!now.isBefore(windowStart.plus(window))) {
            return new Next(null);
        }
        long bound = Math.max(1, initial.toMillis());
        for (int i = 1; i < failures && bound < max.toMillis(); i++) {
            bound *= 2;
        }
        bound = Math.min(bound, max.toMillis());
        return new Next(now.plusMillis(random.applyAsLong(bound + 1)));
    }
}
