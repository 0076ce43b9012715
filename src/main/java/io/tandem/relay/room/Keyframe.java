package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The current page of a session as forwarded frames: the latest full snapshot, the incrementals since, and the latest
 * value of each latest-wins key. A late joiner or reconnecting viewer is sent exactly these frames. Bounded: past the
 * incremental budget the owner asks the sharer for a new snapshot; past twice the budget the incrementals are
 * dropped and the keyframe waits for that snapshot. Latest-wins values are bounded by key count and by the budget.
 * DOM mutations are never applied here. The snapshot and sealed runs of incrementals are held deflated
 * ({@link FrameBlock}, {@link FrameRuns}); bounds count the frames' own bytes.
 */
final class Keyframe {

    /** Distinct latest-wins keys kept (scrolled elements, viewport, focus). */
    static final int MAX_LATEST_KEYS = 256;

    private final long incrementalBudget;
    private final Executor packer;
    private FrameBlock snapshot;
    private final FrameRuns incrementals;
    private final Map<String, Buffer> latest = new LinkedHashMap<>();
    private long latestBytes;
    private boolean awaitingSnapshot;

    Keyframe(long incrementalBudget, Executor packer) {
        this(incrementalBudget, new FrameRuns.Sealer(packer), packer);
    }

    /** A keyframe whose sealed runs the room's replay log may share (same {@code sealer}). */
    Keyframe(long incrementalBudget, FrameRuns.Sealer sealer, Executor packer) {
        this.incrementalBudget = incrementalBudget;
        this.packer = packer;
        this.incrementals = new FrameRuns(sealer);
    }

    /** @return the snapshot as kept, for the replay log to hold the same block */
    FrameBlock snapshot(Buffer frame) {
        clear();
        snapshot = FrameBlock.of(List.of(frame), packer);
        return snapshot;
    }

    /** An incremental that is not numbered in this room (restored from a handover; tests). */
    boolean incremental(Buffer frame) {
        return incremental(0, frame);
    }

    /**
     * @param n the frame's number in the room
     * @return true when this incremental crossed the budget and a fresh snapshot should be requested
     */
    boolean incremental(long n, Buffer frame) {
        if (snapshot == null) {
            return false; // nothing to apply it to; the next snapshot will include its effect
        }
        if (incrementals.bytes() + frame.length() > 2 * incrementalBudget) {
            boolean ask = !awaitingSnapshot;
            clear();
            awaitingSnapshot = true;
            return ask;
        }
        incrementals.add(n, frame);
        if (!awaitingSnapshot && incrementals.bytes() > incrementalBudget) {
            awaitingSnapshot = true;
            return true;
        }
        return false;
    }

    /** Latest value per key, at most {@link #MAX_LATEST_KEYS} keys (the oldest goes): keys are chosen by clients. */
    void latest(String key, Buffer frame) {
        if (snapshot != null) {
            Buffer old = latest.remove(key);
            latestBytes -= old == null ? 0 : old.length();
            latest.put(key, frame);
            latestBytes += frame.length();
            var oldest = latest.entrySet().iterator();
            while (latest.size() > MAX_LATEST_KEYS || latestBytes > incrementalBudget && latest.size() > 1) {
                latestBytes -= oldest.next().getValue().length();
                oldest.remove();
            }
        }
    }

    List<Buffer> latestFrames() {
        return List.copyOf(latest.values());
    }

    /** Forget the page (the stage changed hands). */
    void clear() {
        snapshot = null;
        incrementals.clear();
        latest.clear();
        latestBytes = 0;
        awaitingSnapshot = false;
    }

    boolean isEmpty() {
        return snapshot == null;
    }

    List<Buffer> frames() {
        if (snapshot == null) {
            return List.of();
        }
        List<Buffer> frames = new ArrayList<>(1 + incrementals.size() + latest.size());
        frames.addAll(snapshot.frames());
        frames.addAll(incrementals.frames());
        frames.addAll(latest.values());
        return frames;
    }

    /** The frames' own bytes: what the bounds count. */
    long bytes() {
        return (snapshot == null ? 0 : snapshot.rawBytes()) + incrementals.bytes() + latestBytes;
    }

    /** What the keyframe's frames take on the heap now, some of them deflated. */
    long heldBytes() {
        return (snapshot == null ? 0 : snapshot.heldBytes()) + incrementals.heldBytes() + latestBytes;
    }

    Buffer snapshotFrame() {
        return snapshot == null ? null : snapshot.frames().get(0);
    }

    List<Buffer> incrementalFrames() {
        return incrementals.frames();
    }

    Map<String, Buffer> latestByKey() {
        return new LinkedHashMap<>(latest);
    }

    /** Takes over a keyframe handed from another node (see Handover). */
    void restore(Buffer snapshot, List<Buffer> incrementals, Map<String, Buffer> latest) {
        clear();
        if (snapshot == null) {
            return;
        }
        snapshot(snapshot);
        incrementals.forEach(this::incremental);
        latest.forEach(this::latest);
    }
}
