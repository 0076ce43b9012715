package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The session's annotations as they were sent (ann.* frames since the last clear-all), replayed after the keyframe to
 * a late joiner or a viewer brought back to the current page. Independent of the keyframe, so a fresh snapshot does
 * not wipe the drawings. Bounded in bytes: beyond the bound the oldest frames go (a late joiner then misses the oldest
 * strokes; memory never grows without bound).
 */
final class AnnotationLog {

    private final long maxBytes;
    private final Deque<Buffer> frames = new ArrayDeque<>();
    private long bytes;

    AnnotationLog(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void add(Buffer frame) {
        frames.addLast(frame);
        bytes += frame.length();
        while (bytes > maxBytes && !frames.isEmpty()) {
            bytes -= frames.removeFirst().length();
        }
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }

    List<Buffer> frames() {
        return List.copyOf(frames);
    }

    long bytes() {
        return bytes;
    }
}
