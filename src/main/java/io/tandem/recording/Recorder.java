package io.tandem.recording;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tandem.config.RecordingConfig;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Records what the relay relays, per session: frames are kept in memory as relayed (no copy, no I/O, no parsing)
 * and written on a schedule as compressed, hash-chained chunks. A chunk is built once, with its place in the chain,
 * and retried as it is until the database takes it, so retries neither duplicate nor leave gaps. While the database
 * is away the live session goes on; memory is bounded in all (tandem.recording.buffer-bytes) and per session
 * (session-buffer-bytes, so one flooding session drops its own frames, never another's); frames beyond are counted as
 * dropped (the recording then verifies as incomplete), and readiness reports DOWN once the whole buffer is nearly full.
 * A server that shuts down in order stores what it holds and pauses each recording; a server that takes over a
 * recording its predecessor did not pause (killed, or its database away at shutdown) marks a gap before its first
 * chunk, so the recording never verifies as complete with frames missing.
 */
@ApplicationScoped
public class Recorder {

    private static final Logger LOG = Logger.getLogger(Recorder.class);

    /**
     * A frame as the room relayed it, held as is: the relay builds a fresh buffer for every frame it sends and never
     * changes it, so the bytes are copied once, when a chunk is built off the relay's path.
     */
    record Held(long at, Buffer frame) {}

    /** One session's recording on this node. Guarded by itself. */
    static final class Track {
        final UUID sessionId;
        List<Held> frames = new ArrayList<>();
        int dropped;
        /** Bytes of this session held in memory: frames not yet built into a chunk and chunks not yet stored. */
        long held;
        boolean finished;
        /** Built chunks not yet stored, oldest first. */
        final Deque<Chunk> pending = new ArrayDeque<>();
        /** The uncompressed bytes of each pending chunk, released from the bound once it is stored. */
        final Deque<Long> pendingRaw = new ArrayDeque<>();
        /** Where the chain continues; null until read from the database. */
        Integer nextSeq;
        byte[] prev;
        /** A chunk is being built (off the lock); the final one has been built. */
        boolean building;
        boolean sealed;
        /**
         * The server that held this recording before stopped without pausing it: the next chunk opens after a gap.
         */
        boolean afterGap;
        /** A participant came back from a room this server never held: frames may be missing before this track. */
        boolean roomLost;
        /** This server is shutting down: the next chunk is the last it writes (paused), then none is built. */
        boolean pausing;
        boolean paused;

        Track(UUID sessionId) {
            this.sessionId = sessionId;
        }
    }

    private final Map<UUID, Track> tracks = new ConcurrentHashMap<>();
    /** Sessions whose recording was erased: never stored again from this node. Bounded: cleared when full. */
    private final Map<UUID, Boolean> discarded = new ConcurrentHashMap<>();
    private static final int MAX_DISCARDED = 100_000;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final RecordingStore store;
    private final Clock clock;
    private final long maxBytes;
    private final long sessionMaxBytes;
    private final boolean enabled;

    public Recorder(RecordingStore store, Clock clock, RecordingConfig config) {
        this.store = store;
        this.clock = clock;
        this.maxBytes = config.bufferBytes();
        // a session alone must never fill the buffer to readiness' 90 %
        this.sessionMaxBytes = Math.min(config.sessionBufferBytes(), config.bufferBytes() / 2);
        this.enabled = config.enabled();
    }

    /** Keeps a frame for the session's recording (memory only, no copy: called under a room's lock). */
    public void record(UUID sessionId, Buffer frame) {
        if (!enabled || discarded.containsKey(sessionId)) {
            return;
        }
        Track t = tracks.computeIfAbsent(sessionId, Track::new);
        synchronized (t) {
            if (t.held + frame.length() > sessionMaxBytes || buffered.get() + frame.length() > maxBytes) {
                t.dropped++;
                return;
            }
            t.held += frame.length();
            buffered.addAndGet(frame.length());
            t.frames.add(new Held(clock.millis(), frame));
        }
    }

    /**
     * A participant resumed past anything the room on this server numbered. If this server has not yet taken up the
     * session's recording, the server before may have stopped before storing what it relayed: unless it paused the
     * recording, the first chunk from here marks the gap.
     */
    public void roomLost(UUID sessionId) {
        if (!enabled || discarded.containsKey(sessionId)) {
            return;
        }
        Track t = tracks.computeIfAbsent(sessionId, Track::new);
        synchronized (t) {
            if (t.nextSeq == null) {
                t.roomLost = true;
            }
        }
    }

    /** The session is over: its last chunk is marked final at the next flush. */
    public void finish(UUID sessionId) {
        if (!enabled || discarded.containsKey(sessionId)) {
            return;
        }
        Track t = tracks.computeIfAbsent(sessionId, Track::new);
        synchronized (t) {
            t.finished = true;
        }
    }

    /**
     * Forgets a session's recording on this node (GDPR erasure): what is buffered for it is dropped and nothing more
     * is stored for it. Other nodes hold nothing for a session that is over once their final chunk is written.
     */
    public void discard(UUID sessionId) {
        if (discarded.size() >= MAX_DISCARDED) {
            discarded.clear();
        }
        discarded.put(sessionId, Boolean.TRUE);
        Track t = tracks.remove(sessionId);
        if (t != null) {
            synchronized (t) {
                long held = t.frames.stream().mapToLong(f -> f.frame().length()).sum()
                        + t.pendingRaw.stream().mapToLong(Long::longValue).sum();
                buffered.addAndGet(-held);
                t.held = 0;
                t.frames = new ArrayList<>();
                t.pending.clear();
                t.pendingRaw.clear();
            }
        }
    }

    /** Bytes held in memory, not yet stored. */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** Flushes of a session's recording that the database refused so far (each is tried again at the next flush). */
    public long storeFailures() {
        return storeFailures.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** True while the buffer is full: new frames are being dropped. */
    public boolean full() {
        return buffered.get() >= maxBytes * 9 / 10;
    }

    /**
     * Shutting down: store what is buffered and pause each recording (a last try; what the database refuses now is lost
     * with the process, and whoever continues the recording marks the gap).
     */
    void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        for (Track t : tracks.values()) {
            synchronized (t) {
                t.pausing = !t.finished;
            }
        }
        try {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(this::flush);
        } catch (Throwable e) {
            LOG.warnf("Could not store recordings at shutdown: %s", e.toString());
        }
    }

    @Scheduled(every = "${tandem.recording.flush-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        return Multi.createFrom().iterable(List.copyOf(tracks.values()))
                .onItem().transformToUniAndConcatenate(this::flush)
                .collect().last().replaceWithVoid();
    }

    /** Builds a chunk from what has arrived, then stores pending chunks in order, stopping at the first failure. */
    Uni<Void> flush(Track t) {
        Uni<Void> ready = t.nextSeq != null
                ? Uni.createFrom().voidItem()
                : store.tip(t.sessionId).invoke(tip -> {
                    synchronized (t) {
                        t.nextSeq = tip == null ? 0 : tip.seq() + 1;
                        t.prev = tip == null ? Chunk.GENESIS : tip.sha256();
                        // a server that paused left nothing behind; one that did not, or that stored nothing
                        // while its room relayed frames (killed within the first flush), left a gap
                        t.afterGap = tip != null ? !tip.leftInOrder() : t.roomLost;
                    }
                }).replaceWithVoid();
        // compressing and hashing take milliseconds per megabyte: on a worker thread, never on an event loop
        return ready.chain(() -> Uni.createFrom().item(() -> {
            cut(t);
            return t;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()))
                .chain(this::writePending).onFailure()
                .invoke(e -> storeFailures.incrementAndGet()).onFailure()
                .invoke(e -> LOG.warnf("Recording of %s not stored yet, will retry (%s)", t.sessionId,
                        e.getClass().getName())) // never the message: it may quote the recorded content
                .onFailure().recoverWithNull();
    }

    /** Builds the next chunk from what has arrived, with its place in the chain. */
    private void cut(Track t) {
        List<Held> held;
        int dropped;
        boolean finished;
        boolean pause;
        boolean afterGap;
        synchronized (t) {
            if (t.building || t.paused || t.frames.isEmpty() && t.dropped == 0
                    && !(t.finished && t.pending.stream().noneMatch(Chunk::last) && !t.sealed)
                    && !(t.pausing && !t.paused)) {
                return;
            }
            t.building = true;
            held = t.frames;
            dropped = t.dropped;
            finished = t.finished;
            pause = t.pausing && !finished;
            afterGap = t.afterGap;
            t.frames = new ArrayList<>();
            t.dropped = 0;
        }
        List<Chunk.Frame> frames = new ArrayList<>(held.size());
        for (Held h : held) {
            frames.add(new Chunk.Frame(h.at(), h.frame().getBytes()));
        }
        Chunk c = Chunk.of(t.sessionId, t.nextSeq, clock.instant(), frames, dropped, finished, t.prev)
                .breaks(pause, afterGap);
        long raw = frames.stream().mapToLong(f -> f.bytes().length).sum();
        synchronized (t) {
            t.afterGap = false;
            t.paused |= pause;
            t.nextSeq++;
            t.prev = c.contentSha256();
            t.pending.add(c);
            t.pendingRaw.add(raw);
            t.sealed |= finished && t.frames.isEmpty();
            t.building = false;
        }
    }

    private Uni<Void> writePending(Track t) {
        Chunk next;
        synchronized (t) {
            next = discarded.containsKey(t.sessionId) ? null : t.pending.peekFirst();
            if (next == null) {
                if (t.finished && t.sealed && t.frames.isEmpty()) { // the final chunk is stored, not just due
                    tracks.remove(t.sessionId, t);
                }
                return Uni.createFrom().voidItem();
            }
        }
        return store.insert(next).chain(() -> {
            synchronized (t) {
                t.pending.removeFirst();
                long raw = t.pendingRaw.removeFirst();
                t.held -= raw;
                buffered.addAndGet(-raw);
            }
            return writePending(t);
        });
    }
}
