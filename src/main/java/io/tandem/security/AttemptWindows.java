package io.tandem.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding one-window attempt logs in this process, one per key: {@link #acquire} checks and counts an attempt in one
 * step (so concurrent attempts cannot all slip through a check made before any of them was counted), and
 * {@link #release} takes back one that turned out right. Memory is bounded by the key cap. The shared form of the same
 * logs lives in Redis ({@link JoinGuard}); this one is its fallback while Redis is away.
 */
final class AttemptWindows {

    private final long windowMs;
    private final int maxKeys;
    private final Map<String, Deque<Long>> logs = new ConcurrentHashMap<>();

    AttemptWindows(long windowMs, int maxKeys) {
        this.windowMs = windowMs;
        this.maxKeys = maxKeys;
    }

    /**
     * Counts an attempt at {@code nowMs} under {@code key} unless {@code max} are already in the window; returns 0 when
     * counted, else the milliseconds until the oldest attempt leaves the window (at least 1).
     */
    long acquire(String key, int max, long nowMs) {
        if (logs.size() >= maxKeys && !logs.containsKey(key)) {
            purge(nowMs);
            if (logs.size() >= maxKeys) {
                // Still full of keys with recent attempts: drop an arbitrary one rather than grow without bound.
                Iterator<String> any = logs.keySet().iterator();
                any.next();
                any.remove();
            }
        }
        while (true) {
            Deque<Long> times = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                if (logs.get(key) != times) {
                    continue; // purged between the lookup and the lock: take the fresh one
                }
                prune(times, nowMs);
                if (times.size() >= max) {
                    return Math.max(1, times.peekFirst() + windowMs - nowMs);
                }
                times.addLast(nowMs);
                return 0;
            }
        }
    }

    /** Takes back the attempt counted at {@code atMs} (an attempt that succeeded). */
    void release(String key, long atMs) {
        Deque<Long> times = logs.get(key);
        if (times != null) {
            synchronized (times) {
                times.removeFirstOccurrence(atMs);
            }
        }
    }

    /** Drops keys whose attempts have all left the window. */
    void purge(long nowMs) {
        logs.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue(), nowMs);
                return e.getValue().isEmpty();
            }
        });
    }

    int keys() {
        return logs.size();
    }

    private void prune(Deque<Long> times, long nowMs) {
        long horizon = nowMs - windowMs;
        while (!times.isEmpty() && times.peekFirst() <= horizon) {
            times.removeFirst();
        }
    }
}
