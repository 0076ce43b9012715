package io.tandem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A small relay client for tests, speaking the protocol as a browser would: credentials in the subprotocol, binary
 * frames of header line + payload. It records every frame and the close code, and can stop reading to play a slow
 * consumer.
 */
public final class RelayClient implements AutoCloseable {

    public static final String ORIGIN = "http://localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received frame. */
    public record Frame(JsonNode header, byte[] payload) {
        public String type() {
            return header.path("t").asText();
        }

        public long n() {
            return header.path("n").asLong();
        }

        public String from() {
            return header.path("from").asText();
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The upgrade was refused with an HTTP status; no WebSocket was opened. */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status) {
            super("upgrade refused with HTTP " + status);
            this.status = status;
        }
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final List<Frame> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean reading = true;
    private Frame welcome;
    private WebSocket socket;
    private long seq;
    private String epoch = UUID.randomUUID().toString().replace("-", "");

    private RelayClient() {}

    public static RelayClient staff(URI base, String sessionId, String token) {
        return connect(base, sessionId, "Bearer " + token, ORIGIN);
    }

    public static RelayClient customer(URI base, String sessionId, String credential) {
        return connect(base, sessionId, "Customer " + credential, ORIGIN);
    }

    /** Connects; {@code authorization} may be null (anonymous), {@code origin} null (no Origin header). */
    public static RelayClient connect(URI base, String sessionId, String authorization, String origin) {
        RelayClient client = new RelayClient();
        FrameListener listener = new FrameListener(f -> {
            client.all.add(f);
            client.frames.add(f);
        }, (reason, code) -> {
            client.closeReason = reason;
            client.closed.complete(code);
        }, () -> client.reading);
        try {
            client.socket = Wire.upgrade(HttpClient.newHttpClient(), authorization, origin, Duration.ofSeconds(5))
                    .buildAsync(Wire.relayUri(base, sessionId), listener).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new Refused(h.getResponse().statusCode());
            }
            throw e;
        }
        return client;
    }

    /** Connects and says hello; {@code resume} is the last room sequence number seen, 0 for none. */
    public RelayClient hello(long resume) {
        send("sys.hello", 0, null, "{\"epoch\":\"" + epoch + "\",\"resume\":" + resume + "}");
        welcome = await("sys.welcome");
        return this;
    }

    /** Continues the page load (epoch) of an earlier client, as a reconnect within the same page does. */
    public RelayClient sameEpochAs(RelayClient earlier) {
        this.epoch = earlier.epoch;
        return this;
    }

    public Frame welcome() {
        return welcome;
    }

    public RelayClient hello() {
        return hello(0);
    }

    /** Sends a reliable frame with the next sequence number and returns that number. */
    public long sendReliable(String type, String key, String payload) {
        long s = ++seq;
        send(type, s, key, payload);
        return s;
    }

    public void send(String type, long s, String key, String payload) {
        sendRaw(Wire.frame(Wire.header(type, s, key), payload));
    }

    public void sendRaw(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    /** Sends one message as several WebSocket fragments: the header, then each part. */
    public void sendFragments(byte[] header, String... parts) {
        socket.sendBinary(ByteBuffer.wrap(header), false).join();
        for (int i = 0; i < parts.length; i++) {
            socket.sendBinary(ByteBuffer.wrap(parts[i].getBytes(StandardCharsets.UTF_8)), i == parts.length - 1)
                    .join();
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sets the sequence counter, as a client resending after a reconnect would. */
    public void seq(long s) {
        seq = s;
    }

    /** Stops reading: the socket's receive window fills and the server must cope. */
    public void stopReading() {
        reading = false;
    }

    /** Reads again after {@link #stopReading()}. */
    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    public Frame await(String type) {
        return await(f -> f.type().equals(type), type);
    }

    public Frame await(Predicate<Frame> match, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                Frame f = frames.poll(50, TimeUnit.MILLISECONDS);
                if (f != null && match.test(f)) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + what + " within 5 s; received " + types());
    }

    /** Frames received and not yet consumed by await, within {@code millis}. */
    public List<Frame> drain(long millis) {
        List<Frame> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < deadline) {
                Frame f = frames.poll(10, TimeUnit.MILLISECONDS);
                if (f != null) {
                    out.add(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    public List<String> types() {
        synchronized (all) {
            return all.stream().map(Frame::type).toList();
        }
    }

    public List<Frame> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The close code the server sent, waiting up to {@code seconds}. */
    public int closeCode(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + seconds + " s; received " + types());
        }
    }

    /** The reason the server's close frame gave (after {@link #closeCode(int)}); null without a close frame. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection as a failing network would: no close handshake. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(1000, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
