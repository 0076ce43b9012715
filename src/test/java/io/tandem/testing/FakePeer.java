package io.tandem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.relay.protocol.CloseCode;
import io.tandem.relay.room.Peer;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A connection that records what the room sends and closes. Writes complete at once, or, when {@link #holdWrites()}
 * was called, only when the test completes them: a reader that stopped reading.
 */
public final class FakePeer implements Peer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One frame as a client would read it: the parsed header and the payload bytes. */
    public record Frame(Buffer raw, JsonNode header, byte[] payload) {

        public static Frame of(Buffer raw) {
            byte[] bytes = raw.getBytes();
            int lf = 0;
            while (bytes[lf] != '\n') {
                lf++;
            }
            try {
                JsonNode header = JSON.readTree(Arrays.copyOfRange(bytes, 0, lf));
                return new Frame(raw, header, Arrays.copyOfRange(bytes, lf + 1, bytes.length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return header.path("t").asText();
        }

        public long n() {
            return header.path("n").asLong(0);
        }

        public String from() {
            return header.path("from").asText(null);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return raw.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private final String name;
    private final List<Buffer> sent = new ArrayList<>();
    private final Deque<Runnable> unwritten = new ArrayDeque<>();
    public final List<CloseCode> closes = new ArrayList<>();
    private int taken;
    private boolean hold;

    public FakePeer(String name) {
        this.name = name;
    }

    /** From now on writes stay outstanding until {@link #completeWrites(int)} or {@link #completeAllWrites()}. */
    public FakePeer holdWrites() {
        hold = true;
        return this;
    }

    @Override
    public void send(Buffer frame, Runnable written) {
        sent.add(frame);
        if (hold) {
            unwritten.add(written);
        } else {
            written.run();
        }
    }

    @Override
    public void close(CloseCode code) {
        closes.add(code);
    }

    public int outstandingWrites() {
        return unwritten.size();
    }

    /** Completes the oldest {@code count} outstanding writes, in order. */
    public void completeWrites(int count) {
        for (int i = 0; i < count; i++) {
            unwritten.removeFirst().run();
        }
    }

    /** Completes writes until none is outstanding, including writes started by the completions. */
    public void completeAllWrites() {
        while (!unwritten.isEmpty()) {
            unwritten.removeFirst().run();
        }
    }

    /** Every buffer handed to this peer so far. */
    public List<Buffer> sent() {
        return sent;
    }

    public long bytesSent() {
        return sent.stream().mapToLong(Buffer::length).sum();
    }

    /** Frames sent since the last call. */
    public List<Frame> take() {
        List<Frame> frames = new ArrayList<>();
        for (Buffer b : sent.subList(taken, sent.size())) {
            frames.add(Frame.of(b));
        }
        taken = sent.size();
        return frames;
    }

    /** The types of the frames sent since the last call to take. */
    public List<String> takeTypes() {
        return take().stream().map(Frame::type).toList();
    }

    public CloseCode lastClose() {
        return closes.isEmpty() ? null : closes.get(closes.size() - 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
