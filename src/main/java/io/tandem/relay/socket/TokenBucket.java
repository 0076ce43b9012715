package io.tandem.relay.socket;

/**
 * A token bucket: {@code rate} tokens a second on average, at most {@code burst} at once. Not thread-safe: a shared
 * bucket is guarded by its owner ({@link ParticipantBudget}).
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes {@code n} tokens if there are enough; false means the limit is exceeded. */
    boolean take(double n, long nowNanos) {
        refill(nowNanos);
        if (tokens + 1e-9 < n) { // tolerate floating-point error for a sender at exactly the rate
            return false;
        }
        tokens -= n;
        return true;
    }

    /**
     * Takes {@code n} tokens whether or not they are there (the balance may go below zero) and says how long until the
     * balance is back to zero (0 if it never went below), in nanoseconds: a sender is slowed to the rate, not refused.
     */
    long charge(double n, long nowNanos) {
        refill(nowNanos);
        tokens -= n;
        return tokens + 1e-9 >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    /** Whether the bucket has refilled to its burst: forgetting it now would change nothing. */
    boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    /** How long until {@code n} tokens are there (0 if they are now), in nanoseconds. */
    long nanosUntil(double n, long nowNanos) {
        refill(nowNanos);
        return tokens + 1e-9 >= n ? 0 : (long) Math.ceil((n - tokens) / ratePerNano);
    }

    private void refill(long nowNanos) {
        // a reading taken on another thread just before may be a little older than the last one: never go back
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            last = nowNanos;
        }
    }
}
