package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent reliable frames by room sequence number, bounded in bytes, for resuming a dropped connection. */
final class ReplayLog {

    private record Entry(long n, Buffer frame) {}

    private final long maxBytes;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long bytes;

    ReplayLog(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void add(long n, Buffer frame) {
        entries.addLast(new Entry(n, frame));
        bytes += frame.length();
        while (bytes > maxBytes && entries.size() > 1) {
            bytes -= entries.removeFirst().frame.length();
        }
    }

    /** Frames after {@code n}, or null when some of them are no longer kept. */
    List<Buffer> after(long n, long lastN) {
        if (n >= lastN) {
            return List.of();
        }
        if (entries.isEmpty() || entries.peekFirst().n > n + 1) {
            return null;
        }
        List<Buffer> frames = new ArrayList<>();
        for (Entry e : entries) {
            if (e.n > n) {
                frames.add(e.frame);
            }
        }
        return frames;
    }

    void clear() {
        entries.clear();
        bytes = 0;
    }

    long bytes() {
        return bytes;
    }

    List<Handover.Logged> entries() {
        return entries.stream().map(e -> new Handover.Logged(e.n, e.frame)).toList();
    }
}
