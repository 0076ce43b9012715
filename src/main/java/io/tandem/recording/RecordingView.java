package io.tandem.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A session's recording for replay: every recorded frame in order, with when the relay had it, its header fields and
 * its payload as text (never interpreted here), and the chain's verification. Frames beyond a byte budget are left
 * out and the view says it is truncated.
 */
public record RecordingView(UUID sessionId, Verification verification, Instant firstAt, Instant lastAt,
        boolean truncated, List<Frame> frames) {

    /** One relayed frame: relay time (epoch ms), type, room number (reliable and server frames), sender, key. */
    public record Frame(long at, String t, Long n, String from, String k, String payload) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RecordingView of(UUID sessionId, List<Chunk> chunks, Verification verification, long maxBytes) {
        List<Frame> frames = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        outer : for (Chunk c : chunks) {
            for (Chunk.Frame f : c.decode()) {
                bytes += f.bytes().length;
                if (bytes > maxBytes) {
                    truncated = true;
                    break outer;
                }
                Frame frame = frame(f);
                if (frame != null) {
                    frames.add(frame);
                }
            }
        }
        Instant first = frames.isEmpty() ? null : Instant.ofEpochMilli(frames.get(0).at());
        Instant last = frames.isEmpty() ? null : Instant.ofEpochMilli(frames.get(frames.size() - 1).at());
        return new RecordingView(sessionId, verification, first, last, truncated, frames);
    }

    /** A stored frame split into header and payload; null if it has no readable header (never written so). */
    static Frame frame(Chunk.Frame f) {
        byte[] b = f.bytes();
        int lf = 0;
        while (lf < b.length && b[lf] != '\n') {
            lf++;
        }
        if (lf == b.length) {
            return null;
        }
        try {
            JsonNode h = JSON.readTree(b, 0, lf);
            return new Frame(f.at(), text(h, "t"), h.hasNonNull("n") ? h.get("n").asLong() : null, text(h, "from"),
                    text(h, "k"), new String(b, lf + 1, b.length - lf - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode h, String field) {
        return h.hasNonNull(field) ? h.get(field).asText() : null;
    }
}
