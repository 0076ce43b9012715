package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The most recent reliable frames by room sequence number, for resuming a dropped connection. Bounded by the frames'
 * own bytes (the oldest go first), while sealed runs of them are held deflated ({@link FrameRuns}): the bound sets
 * how far back a resume reaches, compression how much heap that takes.
 */
final class ReplayLog {

    private final long maxBytes;
    private final FrameRuns frames;

    ReplayLog(long maxBytes, Executor packer) {
        this(maxBytes, new FrameRuns.Sealer(packer));
    }

    /** A log whose sealed runs the room's keyframe may share (same {@code sealer}). */
    ReplayLog(long maxBytes, FrameRuns.Sealer sealer) {
        this.maxBytes = maxBytes;
        this.frames = new FrameRuns(sealer);
    }

    void add(long n, Buffer frame) {
        frames.add(n, frame);
        evict();
    }

    /** A frame the keyframe keeps too (a snapshot), held once for both. */
    void add(long n, FrameBlock single) {
        frames.add(n, single);
        evict();
    }

    private void evict() {
        while (frames.bytes() > maxBytes && frames.size() > 1) {
            frames.removeFirst();
        }
    }

    /** Frames after {@code n}, or null when some of them are no longer kept. */
    List<Buffer> after(long n, long lastN) {
        if (n >= lastN) {
            return List.of();
        }
        if (frames.isEmpty() || frames.firstTag() > n + 1) {
            return null;
        }
        return frames.framesAfter(n);
    }

    void clear() {
        frames.clear();
    }

    /** The frames' own bytes: what the bound counts. */
    long bytes() {
        return frames.bytes();
    }

    /** What the log takes on the heap now, sealed runs deflated. */
    long heldBytes() {
        return frames.heldBytes();
    }

    List<Handover.Logged> entries() {
        List<Handover.Logged> entries = new ArrayList<>(frames.size());
        frames.forEach((n, frame) -> entries.add(new Handover.Logged(n, frame)));
        return entries;
    }
}
