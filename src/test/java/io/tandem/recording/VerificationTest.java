package io.tandem.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hash chain: what an intact recording looks like, and every way one can be broken. */
class VerificationTest {

    private static final UUID SESSION = UUID.fromString("1b6c2a3e-0b4d-4e5f-8a9b-0c1d2e3f4a5c");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static List<Chunk> chain(int n) {
        List<Chunk> chunks = new ArrayList<>();
        byte[] prev = Chunk.GENESIS;
        for (int i = 0; i < n; i++) {
            List<Chunk.Frame> frames = List.of(new Chunk.Frame(T0.toEpochMilli() + i,
                    ("{\"t\":\"dom.mut\",\"n\":" + i + "}\n[]").getBytes(StandardCharsets.UTF_8)));
            Chunk c = Chunk.of(SESSION, i, T0, frames, 0, i == n - 1, prev);
            chunks.add(c);
            prev = c.contentSha256();
        }
        return chunks;
    }

    @Test
    void anUnbrokenChainWithAFinalChunkIsIntactAndCompleteAndDecodesToItsFrames() {
        List<Chunk> chunks = chain(4);
        Verification v = Verification.of(SESSION, chunks, true);
        assertTrue(v.intact());
        assertTrue(v.complete());
        assertEquals(4, v.frames());
        assertEquals(List.of(), v.problems());
        assertArrayEquals("{\"t\":\"dom.mut\",\"n\":2}\n[]".getBytes(StandardCharsets.UTF_8),
                chunks.get(2).decode().get(0).bytes());
        assertEquals(T0.toEpochMilli() + 2, chunks.get(2).decode().get(0).at());
    }

    @Test
    void aModifiedChunkIsDetected() {
        List<Chunk> chunks = chain(3);
        Chunk c = chunks.get(1);
        byte[] altered = Chunk.compress(List.of(new Chunk.Frame(0, "forged".getBytes(StandardCharsets.UTF_8))));
        chunks.set(1, new Chunk(SESSION, 1, c.createdAt(), c.firstAt(), c.lastAt(), 1, 0, false, altered,
                c.contentSha256(), c.prevSha256()));
        Verification v = Verification.of(SESSION, chunks, true);
        assertFalse(v.intact());
        assertEquals(List.of("chunk 1 was altered"), v.problems());
        // re-hashing the forged chunk does not help: the next one names the original hash
        chunks.set(1, new Chunk(SESSION, 1, c.createdAt(), c.firstAt(), c.lastAt(), 1, 0, false, altered,
                Chunk.sha256(altered), c.prevSha256()));
        assertEquals(List.of("chunk 2 does not follow chunk 1"), Verification.of(SESSION, chunks, true).problems());
    }

    @Test
    void aRemovedOrReorderedChunkIsDetected() {
        List<Chunk> chunks = chain(5);
        chunks.remove(2);
        Verification v = Verification.of(SESSION, chunks, true);
        assertFalse(v.intact());
        assertFalse(v.complete());
        assertEquals(List.of("chunk 2 is missing"), v.problems());

        List<Chunk> swapped = chain(3);
        Chunk first = swapped.get(0);
        swapped.set(0, swapped.get(1));
        swapped.set(1, first);
        assertFalse(Verification.of(SESSION, swapped, true).intact());
    }

    @Test
    void droppedFramesOrNoFinalChunkAreIncompleteButIntact() {
        List<Chunk> open = chain(3).subList(0, 2);
        assertTrue(Verification.of(SESSION, open, false).complete(), "a live session has no final chunk yet");
        Verification ended = Verification.of(SESSION, open, true);
        assertTrue(ended.intact());
        assertFalse(ended.complete());
        assertEquals(List.of("the final chunk is missing"), ended.problems());

        Chunk lossy = Chunk.of(SESSION, 0, T0, List.of(), 7, true, Chunk.GENESIS);
        Verification v = Verification.of(SESSION, List.of(lossy), true);
        assertTrue(v.intact());
        assertFalse(v.complete());
        assertEquals(List.of("chunk 0: 7 frames were not recorded (buffer full)"), v.problems());
        assertEquals(List.of("no recording"), Verification.of(SESSION, List.of(), true).problems());
    }
}
