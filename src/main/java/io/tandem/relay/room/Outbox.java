package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What is on its way to one recipient, bounded in bytes. Latest-wins frames wait in one slot per key while the
 * recipient is behind; reliable frames that would overflow the bound put the recipient out of sync instead of
 * queueing, and once it has drained it is brought back with the room's keyframe. Memory per recipient therefore
 * never exceeds the bound plus one message.
 */
final class Outbox {

    /** Latest-wins keys waiting at once for one recipient. */
    static final int MAX_PENDING_KEYS = 64;

    private final Peer peer;
    private final long limit;
    private final long lowWater;
    private final Supplier<Instant> clock;
    private final Runnable resync;
    private final Map<String, Buffer> pendingLatest = new LinkedHashMap<>();
    private long inFlight;
    private boolean outOfSync;
    private Instant slowSince;

    Outbox(Peer peer, long limit, Supplier<Instant> clock, Runnable resync) {
        this.peer = peer;
        this.limit = limit;
        this.lowWater = limit / 4;
        this.clock = clock;
        this.resync = resync;
    }

    Peer peer() {
        return peer;
    }

    /** Ordered, never dropped while in sync; an overflowing recipient is resynchronised from the keyframe instead. */
    synchronized void reliable(Buffer frame) {
        if (outOfSync) {
            return;
        }
        if (inFlight > 0 && inFlight + frame.length() > limit) {
            outOfSync = true;
            slowSince = slowSince == null ? clock.get() : slowSince;
            return;
        }
        write(frame);
    }

    /** Latest wins per key: sent now when the recipient keeps up, otherwise held (replacing any older value). */
    synchronized void latest(String key, Buffer frame) {
        if (inFlight > lowWater) {
            pendingLatest.remove(key);
            pendingLatest.put(key, frame);
            if (pendingLatest.size() > MAX_PENDING_KEYS) {
                var oldest = pendingLatest.keySet().iterator();
                oldest.next();
                oldest.remove(); // droppable by definition; keys are chosen by clients, so their number is capped
            }
            return;
        }
        write(frame);
    }

    /** Small server messages, and the frames of a resync: always written. */
    synchronized void always(Buffer frame) {
        write(frame);
    }

    synchronized long inFlight() {
        return inFlight;
    }

    synchronized boolean isOutOfSync() {
        return outOfSync;
    }

    /** Since when the recipient has been unable to keep up, or null. */
    synchronized Instant slowSince() {
        return slowSince;
    }

    private void write(Buffer frame) {
        int size = frame.length();
        inFlight += size;
        if (inFlight > limit && slowSince == null) {
            slowSince = clock.get();
        }
        peer.send(frame, () -> written(size));
    }

    private void written(int size) {
        boolean catchUp = false;
        synchronized (this) {
            inFlight -= size;
            if (outOfSync && inFlight == 0) {
                // first the resync (reset + keyframe); waiting latest-wins frames follow on later drains
                outOfSync = false;
                slowSince = null;
                catchUp = true;
            } else if (inFlight <= lowWater) {
                if (!outOfSync) {
                    slowSince = null;
                }
                flushLatest();
            }
        }
        if (catchUp) {
            resync.run();
            synchronized (this) {
                flushLatest();
            }
        }
    }

    /** Waiting latest-wins frames go out while the recipient keeps up, not all at once. */
    private void flushLatest() {
        var waiting = pendingLatest.values().iterator();
        while (inFlight <= lowWater && waiting.hasNext()) {
            Buffer frame = waiting.next();
            waiting.remove();
            write(frame);
        }
    }
}
