package io.tandem.relay.socket;

/** A token bucket: {@code rate} tokens a second on average, at most {@code burst} at once. Not thread-safe. */
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
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        if (tokens + 1e-9 < n) { // tolerate floating-point error for a sender at exactly the rate
            return false;
        }
        tokens -= n;
        return true;
    }
}
