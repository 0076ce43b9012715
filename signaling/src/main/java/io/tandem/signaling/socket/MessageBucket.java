package io.tandem.signaling.socket;

/**
 * One connection's message budget, a token bucket: {@code burst} messages at once, refilled at {@code perSecond}. A
 * call's setup (offer, answer, a few dozen candidates, mute) and a ping every 10 s stay far inside the defaults (200,
 * 20/s); a flood empties it within moments. Kept in nanoseconds of credit, so no floating point and no timer. Not
 * thread-safe: a socket's messages are handled one at a time.
 */
final class MessageBucket {

    private final long nanosPerMessage;
    private final long capacityNanos;
    private long creditNanos;
    private long last;

    MessageBucket(int burst, int perSecond, long nowNanos) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("burst and rate must be positive, were " + burst + ", " + perSecond);
        }
        nanosPerMessage = Math.max(1, 1_000_000_000L / perSecond);
        capacityNanos = burst * nanosPerMessage;
        creditNanos = capacityNanos;
        last = nowNanos;
    }

    /** Takes one message's worth of credit at {@code nowNanos} (System.nanoTime()); false when there is none. */
    boolean take(long nowNanos) {
        long elapsed = nowNanos - last; // differences only: System.nanoTime() may wrap
        last = nowNanos;
        if (elapsed > 0) {
            creditNanos = elapsed >= capacityNanos ? capacityNanos : Math.min(capacityNanos, creditNanos + elapsed);
        }
        if (creditNanos < nanosPerMessage) {
            return false;
        }
        creditNanos -= nanosPerMessage;
        return true;
    }
}
