package io.tandem.signaling.room;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sessions the app has ended, remembered so their signaling rooms stay shut: a token minted before the end lives at
 * most 10 minutes, so {@link #DEFAULT_MEMORY} (15 minutes) outlives every one of them. Bounded: beyond
 * {@code capacity} entries the oldest is forgotten first (a forgotten session's tokens have most likely expired).
 */
public final class EndedSessions {

    public static final Duration DEFAULT_MEMORY = Duration.ofMinutes(15);
    public static final int DEFAULT_CAPACITY = 100_000;

    private final long memoryNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    /** Session id to System.nanoTime() of its end, oldest first. */
    private final LinkedHashMap<String, Long> ended = new LinkedHashMap<>();

    public EndedSessions() {
        this(DEFAULT_MEMORY, DEFAULT_CAPACITY, System::nanoTime);
    }

    EndedSessions(Duration memory, int capacity, LongSupplier nanoTime) {
        if (memory.isNegative() || memory.isZero() || capacity < 1) {
            throw new IllegalArgumentException("memory and capacity must be positive");
        }
        this.memoryNanos = memory.toNanos();
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** Remembers the session as ended from now on. */
    public synchronized void end(String sessionId) {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        ended.remove(sessionId); // re-inserted last: its memory starts again
        ended.put(sessionId, now);
        if (ended.size() > capacity) {
            Iterator<String> oldest = ended.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets the session's end (a key that opens again: a supervisor who steps back in). */
    public synchronized void forget(String sessionId) {
        ended.remove(sessionId);
    }

    /** Whether the session ended within the memory. */
    public synchronized boolean ended(String sessionId) {
        Long at = ended.get(sessionId);
        return at != null && nanoTime.getAsLong() - at < memoryNanos;
    }

    /** Sessions remembered (for tests). */
    synchronized int size() {
        forgetExpired(nanoTime.getAsLong());
        return ended.size();
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Long>> oldest = ended.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue() >= memoryNanos) {
            oldest.remove();
        }
    }
}
