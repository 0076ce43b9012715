package io.tandem.recording;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * One stored piece of a session's recording: frames as received by the relay, gzip-compressed, chained to the chunk
 * before it by SHA-256, and sealed by the server ({@code seal}, see {@link ChainSeal}; null until stored, and on chunks
 * stored before seals existed). The content is records of [8-byte epoch millis][4-byte length][frame bytes]. A chunk is
 * replayable when it holds a page's snapshot or a document's opening: something a supervisor can watch. A chunk is
 * {@code paused} when it is the last a server wrote as it shut down in order, and {@code afterGap} when the server
 * before stopped without pausing: frames relayed in between are not in the recording.
 */
public record Chunk(UUID sessionId, int seq, Instant createdAt, Instant firstAt, Instant lastAt, int frames,
        int dropped, boolean last, byte[] content, byte[] contentSha256, byte[] prevSha256, boolean replayable,
        byte[] seal, boolean paused, boolean afterGap) {

    /** A chunk with no break around it. */
    public Chunk(UUID sessionId, int seq, Instant createdAt, Instant firstAt, Instant lastAt, int frames, int dropped,
            boolean last, byte[] content, byte[] contentSha256, byte[] prevSha256, boolean replayable, byte[] seal) {
        this(sessionId, seq, createdAt, firstAt, lastAt, frames, dropped, last, content, contentSha256, prevSha256,
                replayable, seal, false, false);
    }

    /** This chunk, marked as the last before a pause and/or the first after a gap. */
    public Chunk breaks(boolean paused, boolean afterGap) {
        return new Chunk(sessionId, seq, createdAt, firstAt, lastAt, frames, dropped, last, content, contentSha256,
                prevSha256, replayable, seal, paused, afterGap);
    }

    /** The previous hash of the first chunk: 32 zero bytes. */
    public static final byte[] GENESIS = new byte[32];

    /** A recorded frame and when the relay had it. */
    public record Frame(long at, byte[] bytes) {}

    public static Chunk of(UUID sessionId, int seq, Instant now, List<Frame> frames, int dropped, boolean last,
            byte[] prevSha256) {
        byte[] content = compress(frames);
        Instant first = frames.isEmpty() ? now : Instant.ofEpochMilli(frames.get(0).at());
        Instant lastAt = frames.isEmpty() ? now : Instant.ofEpochMilli(frames.get(frames.size() - 1).at());
        return new Chunk(sessionId, seq, now, first, lastAt, frames.size(), dropped, last, content, sha256(content),
                prevSha256, frames.stream().anyMatch(Chunk::replayable), null);
    }

    private static final byte[][] REPLAYABLE = {"{\"t\":\"dom.snap\"".getBytes(StandardCharsets.UTF_8),
            "{\"t\":\"doc.open\"".getBytes(StandardCharsets.UTF_8)};

    /** A page's snapshot or a document's opening, told by the start of the frame's header (the relay writes t first). */
    static boolean replayable(Frame f) {
        for (byte[] prefix : REPLAYABLE) {
            if (Arrays.equals(f.bytes(), 0, Math.min(prefix.length, f.bytes().length), prefix, 0,
                    prefix.length)) {
                return true;
            }
        }
        return false;
    }

    public int bytes() {
        return content.length;
    }

    /** The frames this chunk holds, in order. */
    public List<Frame> decode() {
        List<Frame> frames = new java.util.ArrayList<>();
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(content)))) {
            while (true) {
                long at;
                try {
                    at = in.readLong();
                } catch (java.io.EOFException end) {
                    return frames;
                }
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                frames.add(new Frame(at, bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] compress(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(new FastGzip(out))) {
            for (Frame f : frames) {
                data.writeLong(f.at());
                data.writeInt(f.bytes().length);
                data.write(f.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** gzip at zlib's fastest level: a chunk is written once and read rarely, and its CPU is the relay node's. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(java.io.OutputStream out) throws IOException {
            super(out);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }
}
