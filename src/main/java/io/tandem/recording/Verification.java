package io.tandem.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Whether a session's recording is intact (every chunk's content matches its hash, each chunk names the hash of the
 * one before, numbering has no gap) and complete (nothing dropped, and a final chunk once the session is over).
 */
public record Verification(UUID sessionId, int chunks, long frames, boolean intact, boolean complete,
        List<String> problems) {

    public static Verification of(UUID sessionId, List<Chunk> chunks, boolean sessionOver) {
        List<String> problems = new ArrayList<>();
        boolean intact = true;
        boolean complete = true;
        byte[] prev = Chunk.GENESIS;
        int expected = 0;
        long frames = 0;
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
            if (c.dropped() > 0) {
                complete = false;
                problems.add("chunk " + c.seq() + ": " + c.dropped() + " frames were not recorded (buffer full)");
            }
            frames += c.frames();
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
