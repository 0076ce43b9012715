package io.tandem.multinode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testing.FrameListener;
import io.tandem.testing.RelayClient.Frame;
import io.tandem.testing.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One browser tab on the relay, doing at the protocol level what tandem.js' connection does (lib/connection.js):
 * one epoch per page load, reliable frames numbered and kept in an outbox until {@code sys.ack} covers them and
 * resent after {@code sys.welcome} on every (re)connect, {@code resume} with the last room number applied (set back by
 * {@code sys.reset}), a ping every 5 s. A sharing tab holds a {@link Page} and answers {@code sys.snapshot-request}
 * with a fresh snapshot of it. Unlike the browser it reconnects only when told, to the node the test names.
 */
final class TabClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Close codes after which tandem.js does not reconnect (lib/connection.js). */
    private static final java.util.Set<Integer> FINAL = java.util.Set.of(4400, 4401, 4403, 4404, 4409, 4410, 4413,
            1008);

    /** One WebSocket of this tab, to one node. */
    final class Connection {
        final URI node;
        final int firstFrame;
        final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile long reconnectAtNanos;
        volatile long closedAtNanos;
        /** The highest {@code s} acknowledged when {@code sys.reconnect} came; -1 before. */
        volatile long ackedAtReconnect = -1;
        private volatile WebSocket socket;
        private volatile boolean welcomed;

        private Connection(URI node, int firstFrame) {
            this.node = node;
            this.firstFrame = firstFrame;
        }

        /** The close code (-1 for a connection that dropped without one), waiting up to {@code timeout}. */
        int closeCode(Duration timeout) {
            try {
                return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError(name + "'s connection to " + node + " not closed within "
                        + timeout.toSeconds() + " s; received " + types());
            }
        }
    }

    final String name;
    private final String sessionId;
    private final String authorization;
    private final String origin;
    private final Page page;
    private final String epoch = UUID.randomUUID().toString().replace("-", "");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender;
    private final ScheduledExecutorService pinger;
    private final Object lock = new Object();
    private final List<Frame> received = new ArrayList<>();
    private final List<String> snapshotsSent = new ArrayList<>();
    // guarded by lock
    private final TreeMap<Long, byte[]> outbox = new TreeMap<>();
    private final Map<Long, String> sent = new TreeMap<>();
    private long seq;
    private long acked;
    private long lastN;
    private Connection current;
    private volatile URI stayOn;
    private volatile boolean closing;
    private final List<String> reconnectFailures = java.util.Collections.synchronizedList(new ArrayList<>());

    private TabClient(String name, String sessionId, String authorization, String origin, Page page) {
        this.name = name;
        this.sessionId = sessionId;
        this.authorization = authorization;
        this.origin = origin;
        this.page = page;
        this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "tab-" + name + "-send"));
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tab-" + name + "-ping"));
        pinger.scheduleAtFixedRate(this::ping, 5, 5, TimeUnit.SECONDS);
    }

    /** The customer's tab, sharing {@code page}. */
    static TabClient customer(String sessionId, String credential, String origin, Page page) {
        return new TabClient("customer", sessionId, "Customer " + credential, origin, page);
    }

    /** A staff member's console (advisor or supervisor), viewing. */
    static TabClient staff(String name, String sessionId, String token, String origin) {
        return new TabClient(name, sessionId, "Bearer " + token, origin, null);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Opens a connection to {@code node}, says hello with this tab's epoch and resume point, awaits the welcome. */
    Connection connect(URI node) {
        Connection c;
        synchronized (lock) {
            c = new Connection(node, received.size());
            current = c;
        }
        c.socket = Wire.upgrade(http, authorization, origin, Duration.ofSeconds(5))
                .buildAsync(Wire.relayUri(node, sessionId), new FrameListener(f -> onFrame(c, f),
                        code -> onClosed(c, code)))
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        long resume;
        synchronized (lock) {
            resume = lastN;
        }
        submit(c, frame("{\"t\":\"sys.hello\"}", "{\"epoch\":\"" + epoch + "\",\"resume\":" + resume + "}"));
        try {
            c.welcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            c.socket.abort();
            throw new AssertionError(name + ": no sys.welcome from " + node + " within " + WAIT.toSeconds()
                    + " s (closed: " + c.closed.getNow(null) + "); received " + types(), e);
        }
        return c;
    }

    /** Connects to {@code node}, trying again every 250 ms while it refuses or drops, for up to {@code within}. */
    Connection reconnect(URI node, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline && !closing) {
            try {
                return connect(node);
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(name + " could not reconnect to " + node + " within " + within.toSeconds()
                + " s; last failure: " + last, last);
    }

    /**
     * From now on, reconnects to {@code node} by itself whenever a connection drops with a code after which tandem.js
     * reconnects, as a console behind a load balancer that keeps it on that node would.
     */
    void stayOn(URI node) {
        stayOn = node;
    }

    /** Failures of reconnects made by {@link #stayOn(URI)}. */
    List<String> reconnectFailures() {
        return List.copyOf(reconnectFailures);
    }

    /** Sends a reliable frame (kept until acknowledged); returns its sequence number. */
    long sendReliable(String type, String payload) {
        synchronized (lock) {
            return sendReliableLocked(type, null, payload);
        }
    }

    /** Applies the next change to the page and sends it as {@code dom.mut}. */
    long change() {
        synchronized (lock) {
            return sendReliableLocked("dom.mut", null, page.change());
        }
    }

    /** Sends a full snapshot of the page as {@code dom.snap}, as tandem.js does on load. */
    long snapshot() {
        synchronized (lock) {
            String snap = page.snapshot();
            snapshotsSent.add(snap);
            return sendReliableLocked("dom.snap", null, snap);
        }
    }

    private long sendReliableLocked(String type, String key, String payload) {
        long s = ++seq;
        String header = Wire.header(type, s, key);
        byte[] bytes = frame(header, payload);
        outbox.put(s, bytes);
        sent.put(s, type + " " + payload);
        if (current != null && current.welcomed) {
            submit(current, bytes);
        }
        return s;
    }

    /** Sends a latest-wins frame if connected (nothing is kept). */
    void sendLatest(String type, String key, String payload) {
        synchronized (lock) {
            if (current != null && current.welcomed) {
                submit(current, frame(Wire.header(type, 0, key), payload));
            }
        }
    }

    /** A heartbeat; the server answers with sys.pong and sys.ack. */
    void ping() {
        synchronized (lock) {
            if (current != null && current.welcomed) {
                submit(current, frame("{\"t\":\"sys.ping\"}", "{}"));
            }
        }
    }

    private static byte[] frame(String header, String payload) {
        return Wire.frame(header, payload);
    }

    private void submit(Connection c, byte[] bytes) {
        sender.execute(() -> {
            try {
                c.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the connection is gone; reliable frames stay in the outbox for the next one
            }
        });
    }

    private void onFrame(Connection c, Frame f) {
        synchronized (lock) {
            received.add(f);
            lock.notifyAll();
            if (c != current) {
                return;
            }
            if (f.n() > 0) {
                lastN = Math.max(lastN, f.n());
            }
            switch (f.type()) {
                case "sys.welcome" -> {
                    acknowledge(f.json().path("acked").asLong());
                    c.welcomed = true;
                    outbox.values().forEach(bytes -> submit(c, bytes));
                    submit(c, frame("{\"t\":\"sys.ping\"}", "{}"));
                    c.welcome.complete(f.json());
                }
                case "sys.ack" -> acknowledge(f.json().path("s").asLong());
                case "sys.reset" -> lastN = f.json().path("n").asLong();
                case "sys.reconnect" -> {
                    c.ackedAtReconnect = acked;
                    c.reconnectAtNanos = System.nanoTime();
                }
                case "sys.snapshot-request" -> {
                    if (page != null) {
                        String snap = page.snapshot();
                        snapshotsSent.add(snap);
                        sendReliableLocked("dom.snap", null, snap);
                    }
                }
                default -> {
                    // frames for the page or the console; the test reads them from received()
                }
            }
        }
    }

    private void acknowledge(long s) {
        acked = Math.max(acked, s);
        outbox.headMap(s, true).clear();
    }

    private void onClosed(Connection c, int code) {
        boolean again;
        synchronized (lock) {
            c.welcomed = false;
            if (!c.closed.isDone()) {
                c.closedAtNanos = System.nanoTime();
            }
            c.closed.complete(code);
            lock.notifyAll();
            again = c == current && stayOn != null && !closing && !FINAL.contains(code);
        }
        if (again) {
            URI node = stayOn;
            Thread t = new Thread(() -> {
                try {
                    reconnect(node, Duration.ofSeconds(30));
                } catch (AssertionError e) {
                    reconnectFailures.add(e.getMessage());
                }
            }, "tab-" + name + "-reconnect");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The frame of {@code what}, among those received since index {@code from}, waiting up to {@code timeout}. */
    Frame await(int from, Predicate<Frame> match, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            int i = from;
            while (true) {
                for (; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": no " + what + " within " + timeout.toSeconds()
                            + " s; received " + types());
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    Frame await(int from, String type) {
        return await(from, f -> f.type().equals(type), type, WAIT);
    }

    /** Waits until {@code condition} holds for the frames received so far (checked on every new frame). */
    void awaitFrames(Predicate<List<Frame>> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(List.copyOf(received))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": " + what + " not reached within " + timeout.toSeconds()
                            + " s; received " + types());
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits until the highest acknowledged sequence number reaches {@code s} (pinging for an ack meanwhile). */
    void awaitAcked(long s, Duration timeout) {
        ping();
        awaitFrames(frames -> acked() >= s, "sys.ack of s " + s, timeout);
    }

    /** How many frames were received so far: an index for {@link #await(int, String)}. */
    int mark() {
        synchronized (lock) {
            return received.size();
        }
    }

    List<Frame> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    long acked() {
        synchronized (lock) {
            return acked;
        }
    }

    /** What this tab sent reliably, by sequence number ("type payload"). */
    Map<Long, String> sent() {
        synchronized (lock) {
            return Map.copyOf(sent);
        }
    }

    /** The dom.snap payloads this tab sent, in order (its own and those answering sys.snapshot-request). */
    List<String> snapshotsSent() {
        synchronized (lock) {
            return List.copyOf(snapshotsSent);
        }
    }

    /** The participant id the server gave this tab in its last welcome. */
    String participantId() {
        synchronized (lock) {
            return current.welcome.getNow(JSON.createObjectNode()).path("participantId").asText();
        }
    }

    List<String> types() {
        synchronized (lock) {
            List<String> types = new ArrayList<>();
            for (Frame f : received) {
                types.add(f.type() + (f.n() > 0 ? "#" + f.n() : ""));
            }
            return types.size() > 80 ? types.subList(types.size() - 80, types.size()) : types;
        }
    }

    @Override
    public void close() {
        closing = true;
        pinger.shutdownNow();
        Connection c;
        synchronized (lock) {
            c = current;
        }
        if (c != null && c.socket != null) {
            c.socket.sendClose(1000, "bye").exceptionally(e -> null);
            c.socket.abort();
        }
        sender.shutdownNow();
    }
}
