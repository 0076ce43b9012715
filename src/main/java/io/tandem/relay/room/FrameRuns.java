package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Frames in arrival order, each with a tag (the log's sequence number), removed oldest first. The newest are held as
 * they are in an open run; once it reaches {@link #SEAL_BYTES} the run is sealed into one {@link FrameBlock} and
 * deflated off the relay's path, since a run of small frames compresses far better than each frame alone. Sizes are
 * the frames' own bytes, so bounds on them mean what they meant before compression; a sealed run leaves the heap when
 * its last frame is removed.
 */
final class FrameRuns {

    /** Raw bytes of an open run before it is sealed and deflated. */
    static final int SEAL_BYTES = 16 * 1024;

    /** Sees each frame with its tag. */
    interface Visitor {
        void frame(long tag, Buffer frame);
    }

    private static final class Run {
        long[] tags = new long[8];
        int[] lengths = new int[8];
        int count;
        /** Frames before this index were removed. */
        int first;
        long openBytes;
        /** The frames while the run is open (removed ones are null), then null. */
        List<Buffer> open = new ArrayList<>();
        FrameBlock block;

        void append(long tag, int length) {
            if (count == tags.length) {
                tags = Arrays.copyOf(tags, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            tags[count] = tag;
            lengths[count++] = length;
        }

        List<Buffer> frames() {
            return open != null ? open : block.frames();
        }
    }

    /**
     * Seals the runs of one room's keyframe and replay log. Both are given the same frames in the same order (the log
     * also others), so their runs often hold the same numbered frames: such a run is packed once and held once.
     */
    static final class Sealer {
        private final Executor packer;
        private long first;
        private long last;
        private FrameBlock block;

        Sealer(Executor packer) {
            this.packer = packer;
        }

        /** Tags above 0 and consecutive name the same frames wherever they are: the room numbers each frame once. */
        FrameBlock seal(long firstTag, long lastTag, List<Buffer> frames) {
            boolean numbered = firstTag > 0 && lastTag - firstTag + 1 == frames.size();
            if (numbered && block != null && first == firstTag && last == lastTag) {
                return block;
            }
            FrameBlock sealed = FrameBlock.of(frames, packer);
            if (numbered) {
                first = firstTag;
                last = lastTag;
                block = sealed;
            }
            return sealed;
        }
    }

    private final Sealer sealer;
    private final ArrayDeque<Run> runs = new ArrayDeque<>();
    private long bytes;
    private int size;

    FrameRuns(Executor packer) {
        this(new Sealer(packer));
    }

    FrameRuns(Sealer sealer) {
        this.sealer = sealer;
    }

    void add(long tag, Buffer frame) {
        Run r = runs.peekLast();
        if (r == null || r.open == null) {
            r = new Run();
            runs.addLast(r);
        }
        r.append(tag, frame.length());
        r.open.add(frame);
        r.openBytes += frame.length();
        bytes += frame.length();
        size++;
        if (r.openBytes >= SEAL_BYTES) {
            seal(r);
        }
    }

    /** A frame already in a block of its own (a snapshot, shared with the keyframe so it is held once). */
    void add(long tag, FrameBlock single) {
        Run last = runs.peekLast();
        if (last != null && last.open != null) {
            seal(last);
        }
        Run r = new Run();
        r.open = null;
        r.block = single;
        r.append(tag, (int) single.rawBytes());
        runs.addLast(r);
        bytes += single.rawBytes();
        size++;
    }

    private void seal(Run r) {
        if (r.first > 0) { // removed frames are not packed
            r.open = new ArrayList<>(r.open.subList(r.first, r.count));
            r.tags = Arrays.copyOfRange(r.tags, r.first, r.count);
            r.lengths = Arrays.copyOfRange(r.lengths, r.first, r.count);
            r.count -= r.first;
            r.first = 0;
        }
        r.block = sealer.seal(r.tags[0], r.tags[r.count - 1], r.open);
        r.open = null;
        r.openBytes = 0;
    }

    /** Removes the oldest frame; returns its size. */
    long removeFirst() {
        Run r = runs.getFirst();
        int length = r.lengths[r.first];
        if (r.open != null) {
            r.open.set(r.first, null);
            r.openBytes -= length;
        }
        if (++r.first == r.count) {
            runs.removeFirst();
        }
        bytes -= length;
        size--;
        return length;
    }

    long firstTag() {
        Run r = runs.getFirst();
        return r.tags[r.first];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The frames' own bytes. */
    long bytes() {
        return bytes;
    }

    /** What the frames take on the heap now: open runs as they are, sealed ones packed (or not yet). */
    long heldBytes() {
        long held = 0;
        for (Run r : runs) {
            held += r.open != null ? r.openBytes : r.block.heldBytes();
        }
        return held;
    }

    void clear() {
        runs.clear();
        bytes = 0;
        size = 0;
    }

    List<Buffer> frames() {
        return framesAfter(Long.MIN_VALUE);
    }

    /** The frames whose tag is above {@code tag} (tags rise with arrival), inflating only the runs that hold them. */
    List<Buffer> framesAfter(long tag) {
        List<Buffer> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.tags[r.count - 1] <= tag) {
                continue;
            }
            int from = r.first;
            while (r.tags[from] <= tag) {
                from++;
            }
            out.addAll(r.frames().subList(from, r.count));
        }
        return out;
    }

    void forEach(Visitor visitor) {
        for (Run r : runs) {
            List<Buffer> frames = r.frames();
            for (int i = r.first; i < r.count; i++) {
                visitor.frame(r.tags[i], frames.get(i));
            }
        }
    }
}
