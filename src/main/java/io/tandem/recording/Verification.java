package io.tandem.recording;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Whether a session's recording is intact (every chunk's content matches its hash, each chunk names the hash of the
 * one before, numbering has no gap, and, when a {@link ChainSeal} is given, every chunk carries the server's seal) and
 * complete (nothing dropped, no gap left by a server that stopped without pausing the recording, and a final chunk
 * once the session is over).
 */
public record Verification(UUID sessionId, int chunks, long frames, boolean intact, boolean complete,
        List<String> problems) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The hash chain alone (no seals checked). */
    public static Verification of(UUID sessionId, List<Chunk> chunks, boolean sessionOver) {
        return of(sessionId, chunks, sessionOver, null);
    }

    /** The hash chain and, unless {@code seal} is null, each chunk's seal. */
    public static Verification of(UUID sessionId, List<Chunk> chunks, boolean sessionOver, ChainSeal seal) {
        List<String> problems = new ArrayList<>();
        boolean intact = true;
        boolean complete = true;
        byte[] prev = Chunk.GENESIS;
        int expected = 0;
        long frames = 0;
        Chunk before = null;
        for (Chunk c : chunks) {
            if (c.seq() != expected) {
                intact = false;
                problems.add("chunk " + expected + (c.seq() == expected + 1 ? " is" : " to " + (c.seq() - 1) + " are")
                        + " missing");
            } else if (!Arrays.equals(c.prevSha256(), prev)) {
                intact = false;
                problems.add("chunk " + c.seq() + " does not follow chunk " + (c.seq() - 1));
            }
            if (!Arrays.equals(Chunk.sha256(c.content()), c.contentSha256())) {
                intact = false;
                problems.add("chunk " + c.seq() + " was altered");
            }
            if (seal != null && !seal.verifies(c)) {
                intact = false;
                problems.add(c.seal() == null
                        ? "chunk " + c.seq() + " carries no seal of this server"
                        : "chunk " + c.seq() + " was not sealed by this server (changed outside Tandem)");
            }
            if (c.dropped() > 0) {
                complete = false;
                problems.add("chunk " + c.seq() + ": " + c.dropped() + " frames were not recorded (buffer full)");
            }
            if (c.afterGap()) {
                complete = false;
                problems.add("before chunk " + c.seq() + " the server stopped without warning: what was shared"
                        + (before == null
                                ? ""
                                : " between " + TIME.format(before.lastAt()) + " and "
                                        + TIME.format(c.firstAt()) + " (UTC)")
                        + " is not in the recording");
            }
            frames += c.frames();
            before = c;
            prev = c.contentSha256();
            expected = c.seq() + 1;
        }
        boolean last = !chunks.isEmpty() && chunks.get(chunks.size() - 1).last();
        if (sessionOver && !last) {
            complete = false;
            problems.add(chunks.isEmpty() ? "no recording" : "the final chunk is missing");
        }
        return new Verification(sessionId, chunks.size(), frames, intact, complete && intact, problems);
    }
}
