package io.tandem.signaling.room;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Times one room's call for its {@link CallListener}: the call is up from the first answer relayed between two media
 * peers while at least two media peers are in it. A gap with fewer than two (a reload, a dropped socket) is bridged
 * when a second one is back within {@link #RETURN_WITHIN}; otherwise the call ended when the gap began. Each call is
 * started and ended exactly once. Not thread-safe: the room calls it under its monitor.
 */
final class CallTimer {

    /** A media peer back within this time continues the call (a reload, a new socket); later, a new call starts. */
    static final Duration RETURN_WITHIN = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(CallTimer.class.getName());

    private final String sessionId;
    private final CallListener calls;
    /** Nanoseconds, System.nanoTime() in production; a test drives its own. */
    private final LongSupplier clock;
    /** Whether a call is up: from the first answer relayed until it is over (and reported, exactly once). */
    private boolean inCall;
    /** Clock reading when the current call was answered (meaningful while inCall). */
    private long callSince;
    /** Clock reading since when fewer than two media peers are in the call, or -1 while at least two are. */
    private long awaySince = -1;

    CallTimer(String sessionId, CallListener calls, LongSupplier clock) {
        this.sessionId = sessionId;
        this.calls = calls;
        this.clock = clock;
    }

    /** An answer reached its media peer: the call starts unless one is up (renegotiations start nothing). */
    void answered(Peer by) {
        if (inCall) {
            return;
        }
        inCall = true;
        callSince = clock.getAsLong();
        awaySince = -1;
        calls.callStarted(sessionId);
        LOG.log(System.Logger.Level.INFO, "Call in session {0} answered by {1}", sessionId, by);
    }

    /**
     * A media peer left (socket closed, replaced, evicted), {@code callers} stay in the call. With fewer than two the
     * call waits for someone to come back; with none it is over, as of when the gap began.
     */
    void left(int callers) {
        if (!inCall || callers >= 2) {
            return;
        }
        if (awaySince < 0) {
            awaySince = clock.getAsLong();
            LOG.log(System.Logger.Level.INFO, "Fewer than two media peers in the call of session {0}", sessionId);
        }
        if (callers == 0) {
            end();
        }
    }

    /** A media peer joined and {@code callers} are in the call: if they are two again soon enough, it goes on. */
    void joined(int callers) {
        if (!inCall || awaySince < 0 || callers < 2) {
            return;
        }
        if (clock.getAsLong() - awaySince > RETURN_WITHIN.toNanos()) {
            end(); // the old call ended when the gap began; the next answer starts a new one
        } else {
            awaySince = -1;
        }
    }

    /** A media peer hung up and {@code callers} stay in the call: with fewer than two it is over now. */
    void hungUp(int callers) {
        if (callers < 2) {
            end();
        }
    }

    /**
     * The call in progress (if any) is over: its length, from the first answer until now or until the gap that ended
     * it began, goes to the listener exactly once.
     */
    void end() {
        if (!inCall) {
            return;
        }
        long end = awaySince >= 0 ? awaySince : clock.getAsLong();
        inCall = false;
        awaySince = -1;
        Duration length = Duration.ofNanos(Math.max(0, end - callSince));
        LOG.log(System.Logger.Level.INFO, "Call in session {0} ended after {1} ms", sessionId,
                Long.toString(length.toMillis()));
        calls.callEnded(sessionId, length);
    }
}
