package io.tandem.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the benchmark counts, shared by every socket. A frame counts when the sender's clock stamp (the {@code t0} in
 * its payload) falls inside the measuring window, at sending and at receiving alike, so frames in flight at the
 * window's edges are neither lost nor double-counted.
 */
final class TrafficStats {

    /** The relayed message classes, by wire type. */
    enum Kind {
        PTR("ptr.move"),
        MUT("dom.mut"),
        SNAP("dom.snap");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Kind of(String wire) {
            return switch (wire) {
                case "ptr.move" -> PTR;
                case "dom.mut" -> MUT;
                case "dom.snap" -> SNAP;
                default -> null;
            };
        }
    }

    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    final Latency[] latency = new Latency[Kind.values().length];
    final LongAdder[] sent = adders();
    final LongAdder[] sentBytes = adders();
    final LongAdder[] received = adders();
    final LongAdder[] receivedBytes = adders();
    /** Pointer moves a sender replaced while its socket was still busy (latest wins, as a browser client would). */
    final LongAdder ptrCoalescedAtSender = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder snapshotRequests = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final Map<String, LongAdder> unexpectedCloses = new ConcurrentHashMap<>();

    TrafficStats() {
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new Latency();
        }
    }

    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    long windowStart() {
        return windowStart;
    }

    long windowEnd() {
        return windowEnd;
    }

    boolean inWindow(long t0) {
        return t0 >= windowStart && t0 < windowEnd;
    }

    void sent(Kind kind, long t0, int bytes) {
        if (inWindow(t0)) {
            sent[kind.ordinal()].increment();
            sentBytes[kind.ordinal()].add(bytes);
        }
    }

    void received(Kind kind, long t0, long now, long bytes) {
        if (inWindow(t0)) {
            latency[kind.ordinal()].record(now - t0);
            received[kind.ordinal()].increment();
            receivedBytes[kind.ordinal()].add(bytes);
        }
    }

    void unexpectedClose(String what) {
        unexpectedCloses.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[Kind.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
