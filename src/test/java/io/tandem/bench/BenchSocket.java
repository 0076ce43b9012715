package io.tandem.bench;

import io.tandem.testing.Wire;
import io.tandem.bench.TrafficStats.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One relay connection of the benchmark, speaking the protocol as a browser does (credential in the subprotocol,
 * binary frames of header line + payload). Outgoing frames go through a queue, one WebSocket send at a time; each
 * frame is built, and stamped with {@code System.nanoTime()}, only when its turn to be written comes, so the measured
 * latency starts at the wire and not in this client's queue. Received frames are not kept: only the header and the
 * sender's stamp are read, and the latency is taken when the last fragment arrives.
 */
final class BenchSocket implements WebSocket.Listener {

    /** What a socket can be asked to send. */
    enum Out {
        HELLO,
        PING,
        PTR,
        MUT,
        SNAP
    }

    private static final byte[] T0 = "{\"t0\":".getBytes(StandardCharsets.US_ASCII);

    final boolean sharer;
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Set before the benchmark closes or ends a session itself, so the close is not counted as a failure. */
    volatile boolean expectClose;
    /** Whether a sys.snapshot-request with reason keyframe-bound is answered with a new dom.snap. */
    volatile boolean answerSnapshotRequests;
    /**
     * A slow consumer (bin/bench --isolation): once set, the socket stops asking for more input after the message it
     * is reading, so the JDK client stops reading the TCP connection and the server's writes to it back up.
     */
    volatile boolean stall;
    /** A flooding client (bin/bench --isolation): whenever nothing else is queued, another dom.mut goes out at once. */
    volatile boolean flood;

    private final TrafficStats stats;
    private final RrwebPayloads payloads;
    private final String epoch = UUID.randomUUID().toString().replace("-", "");
    private final ConcurrentLinkedQueue<Out> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean ptrQueued = new AtomicBoolean();
    private volatile WebSocket ws;
    // diagnostics, for a socket that stops moving
    private final java.util.concurrent.atomic.AtomicLong sendsStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sendsDone = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastSendStart;
    private volatile Out lastSent;
    private volatile long framesReceived;
    private volatile long lastReceived = System.nanoTime();
    // touched only by the thread holding `busy`
    private long seq;
    private int x = 700;
    private int y = 400;
    // touched only by the JDK's listener calls, which are sequential per socket
    private final byte[] head = new byte[768];
    private int headLength;
    private long length;

    BenchSocket(boolean sharer, TrafficStats stats, RrwebPayloads payloads) {
        this.sharer = sharer;
        this.stats = stats;
        this.payloads = payloads;
    }

    /** Opens the WebSocket; {@code authorization} is "Bearer <jwt>" or "Customer <credential>". */
    CompletableFuture<BenchSocket> connect(HttpClient http, URI uri, String origin, String authorization) {
        return Wire.upgrade(http, authorization, origin, Duration.ofSeconds(30)).buildAsync(uri, this).thenApply(w -> {
            ws = w;
            return this;
        });
    }

    /** Queues a frame. A pointer move already waiting is not queued twice: the one sent carries the newest position. */
    void send(Out what) {
        if (what == Out.PTR && !ptrQueued.compareAndSet(false, true)) {
            if (stats.inWindow(System.nanoTime())) {
                stats.ptrCoalescedAtSender.increment();
            }
            return;
        }
        queue.add(what);
        pump();
    }

    /** Nanos since this socket last received a whole message (or since it was made). */
    long silentNanos() {
        return System.nanoTime() - lastReceived;
    }

    /** One line about the state of this socket, for a report on sockets that got stuck. */
    String describe() {
        long now = System.nanoTime();
        WebSocket w = ws;
        return String.format(java.util.Locale.ROOT,
                "%s: sends started %d, done %d, busy %s, queued %d, last sent %s %.1f s ago; frames received %d, "
                        + "last %.1f s ago; output closed %s, input closed %s",
                sharer ? "customer" : "advisor", sendsStarted.get(), sendsDone.get(), busy.get(), queue.size(),
                lastSent, (now - lastSendStart) / 1e9, framesReceived, (now - lastReceived) / 1e9, w == null
                        ? "?"
                        : w.isOutputClosed(),
                w == null ? "?" : w.isInputClosed());
    }

    void close() {
        expectClose = true;
        WebSocket w = ws;
        if (w != null && !w.isOutputClosed()) {
            w.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    void abort() {
        expectClose = true;
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    private void pump() {
        while (true) {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            Out next = queue.poll();
            if (next == null && flood) {
                next = Out.MUT;
            }
            if (next == null) {
                busy.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            WebSocket w = ws;
            if (w == null || w.isOutputClosed()) {
                queue.clear();
                busy.set(false);
                return;
            }
            CompletableFuture<WebSocket> sending;
            try {
                ByteBuffer frame = build(next);
                lastSent = next;
                lastSendStart = System.nanoTime();
                sendsStarted.incrementAndGet();
                sending = w.sendBinary(frame, true);
            } catch (RuntimeException e) {
                stats.sendFailures.increment();
                busy.set(false);
                return;
            }
            if (sending.isDone()) {
                sendsDone.incrementAndGet();
                if (sending.isCompletedExceptionally()) {
                    stats.sendFailures.increment();
                }
                busy.set(false);
                if (flood) {
                    // an endless queue: go on on another thread, never in the caller's (a scheduler's) loop
                    CompletableFuture.runAsync(this::pump);
                    return;
                }
                continue;
            }
            sending.whenComplete((v, e) -> {
                sendsDone.incrementAndGet();
                if (e != null && !expectClose) {
                    stats.sendFailures.increment();
                }
                busy.set(false);
                pump();
            });
            return;
        }
    }

    private ByteBuffer build(Out what) {
        return switch (what) {
            case HELLO -> ascii("{\"t\":\"sys.hello\"}\n{\"epoch\":\"" + epoch + "\",\"resume\":0}");
            case PING -> ascii("{\"t\":\"sys.ping\"}\n{\"c\":" + System.currentTimeMillis() + "}");
            case PTR -> {
                ptrQueued.set(false);
                movePointer();
                long t0 = System.nanoTime();
                ByteBuffer b = ascii("{\"t\":\"ptr.move\",\"ts\":" + System.currentTimeMillis() + "}\n{\"t0\":" + t0
                        + ",\"x\":" + x + ",\"y\":" + y + ",\"id\":" + (40 + (x & 7)) + "}");
                stats.sent(Kind.PTR, t0, b.remaining());
                yield b;
            }
            case MUT -> dom(Kind.MUT, payloads.mutations);
            case SNAP -> dom(Kind.SNAP, payloads.snapshots);
        };
    }

    /** A reliable dom.* frame: header with the next sequence number, then {"t0":<now>, + a template. */
    private ByteBuffer dom(Kind kind, List<byte[]> templates) {
        byte[] body = templates.get(ThreadLocalRandom.current().nextInt(templates.size()));
        long t0 = System.nanoTime();
        byte[] header = ("{\"t\":\"" + kind.wire + "\",\"s\":" + (++seq) + ",\"ts\":" + System.currentTimeMillis()
                + "}\n").getBytes(StandardCharsets.US_ASCII);
        byte[] stamp = (t0 + ",").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(header.length + T0.length + stamp.length + body.length);
        b.put(header).put(T0).put(stamp).put(body).flip();
        stats.sent(kind, t0, b.remaining());
        return b;
    }

    private void movePointer() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        x = Math.max(0, Math.min(1440, x + r.nextInt(-12, 13)));
        y = Math.max(0, Math.min(4000, y + r.nextInt(-9, 10)));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        int n = data.remaining();
        if (headLength < head.length) {
            int take = Math.min(n, head.length - headLength);
            data.get(head, headLength, take);
            headLength += take;
        }
        length += n;
        if (last) {
            long now = System.nanoTime();
            framesReceived++;
            lastReceived = now;
            try {
                received(now);
            } finally {
                headLength = 0;
                length = 0;
            }
        }
        if (!stall) {
            webSocket.request(1);
        }
        return null;
    }

    private void received(long now) {
        int lf = 0;
        while (lf < headLength && head[lf] != '\n') {
            lf++;
        }
        // every server header starts with {"t":"<type>"
        int start = 6;
        int end = start;
        while (end < lf && head[end] != '"') {
            end++;
        }
        String type = new String(head, start, end - start, StandardCharsets.US_ASCII);
        Kind kind = Kind.of(type);
        if (kind != null) {
            stats.received(kind, t0(lf + 1), now, length);
            return;
        }
        switch (type) {
            case "sys.welcome" -> welcomed.complete(null);
            case "sys.reset" -> {
                if (stats.inWindow(now)) {
                    stats.resets.increment();
                }
            }
            case "sys.snapshot-request" -> {
                if (stats.inWindow(now)) {
                    stats.snapshotRequests.increment();
                }
                String payload = new String(head, lf + 1, headLength - lf - 1, StandardCharsets.US_ASCII);
                if (sharer && answerSnapshotRequests && payload.contains("keyframe-bound")) {
                    send(Out.SNAP);
                }
            }
            default -> {
                // sys.pong, sys.ack, sys.presence: nothing to measure
            }
        }
    }

    /** The sender's stamp at the start of a payload: {"t0":<digits>, */
    private long t0(int from) {
        int i = from + T0.length;
        long v = 0;
        while (i < headLength && head[i] >= '0' && head[i] <= '9') {
            v = v * 10 + (head[i] - '0');
            i++;
        }
        return v;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        stats.unexpectedClose("text frame received");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!expectClose) {
            stats.unexpectedClose("close " + statusCode + " (" + reason + ") on " + (sharer ? "customer" : "advisor"));
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!expectClose) {
            stats.unexpectedClose("error " + error.getClass().getSimpleName() + " on " + (sharer
                    ? "customer"
                    : "advisor"));
        }
        closed.complete(-1);
    }
}
