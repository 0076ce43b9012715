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
                c.contentSha256(), c.prevSha256(), c.replayable(), null));
        Verification v = Verification.of(SESSION, chunks, true);
        assertFalse(v.intact());
        assertEquals(List.of("chunk 1 was altered"), v.problems());
        // re-hashing the forged chunk does not help: the next one names the original hash
        chunks.set(1, new Chunk(SESSION, 1, c.createdAt(), c.firstAt(), c.lastAt(), 1, 0, false, altered,
                Chunk.sha256(altered), c.prevSha256(), c.replayable(), null));
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

    private static final ChainSeal SEAL = new ChainSeal(List.of(key(1)));

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    private static Chunk sealed(Chunk c, ChainSeal seal) {
        return new Chunk(c.sessionId(), c.seq(), c.createdAt(), c.firstAt(), c.lastAt(), c.frames(), c.dropped(),
                c.last(), c.content(), c.contentSha256(), c.prevSha256(), c.replayable(), seal.seal(c));
    }

    @Test
    void aChunkRewrittenWithItsWholeChainRecomputedIsCaughtByTheSeal() {
        List<Chunk> chunks = new ArrayList<>(chain(3).stream().map(c -> sealed(c, SEAL)).toList());
        assertEquals(List.of(), Verification.of(SESSION, chunks, true, SEAL).problems());
        // someone with write access to the database forges chunk 1 and recomputes every hash after it
        byte[] forged = Chunk.compress(List.of(new Chunk.Frame(T0.toEpochMilli(), "forged".getBytes(
                StandardCharsets.UTF_8))));
        Chunk one = chunks.get(1);
        Chunk rewritten = new Chunk(SESSION, 1, one.createdAt(), one.firstAt(), one.lastAt(), 1, 0, false, forged,
                Chunk.sha256(forged), one.prevSha256(), one.replayable(), one.seal());
        Chunk two = chunks.get(2);
        Chunk relinked = new Chunk(SESSION, 2, two.createdAt(), two.firstAt(), two.lastAt(), two.frames(), 0, true,
                two.content(), two.contentSha256(), rewritten.contentSha256(), two.replayable(), two.seal());
        chunks.set(1, rewritten);
        chunks.set(2, relinked);
        assertTrue(Verification.of(SESSION, chunks, true).intact(), "the hash chain alone is fooled");
        Verification v = Verification.of(SESSION, chunks, true, SEAL);
        assertFalse(v.intact());
        assertEquals(List.of("chunk 1 was not sealed by this server (changed outside Tandem)",
                "chunk 2 was not sealed by this server (changed outside Tandem)"), v.problems());
        // sealing the forgery with another key does not help either
        chunks.set(1, sealed(rewritten, new ChainSeal(List.of(key(2)))));
        assertFalse(Verification.of(SESSION, chunks, true, SEAL).intact());
    }

    @Test
    void everyPlacingFieldIsSealedAndAnUnsealedChunkIsNamed() {
        Chunk c = sealed(chain(1).get(0), SEAL);
        assertTrue(SEAL.verifies(c));
        Chunk notLast = new Chunk(c.sessionId(), c.seq(), c.createdAt(), c.firstAt(), c.lastAt(), c.frames(),
                c.dropped(), false, c.content(), c.contentSha256(), c.prevSha256(), c.replayable(), c.seal());
        Chunk moved = new Chunk(c.sessionId(), c.seq(), c.createdAt(), c.firstAt().plusSeconds(60), c.lastAt(),
                c.frames(), c.dropped(), c.last(), c.content(), c.contentSha256(), c.prevSha256(), c.replayable(),
                c.seal());
        Chunk noLosses = new Chunk(c.sessionId(), c.seq(), c.createdAt(), c.firstAt(), c.lastAt(), c.frames(), 3,
                c.last(), c.content(), c.contentSha256(), c.prevSha256(), c.replayable(), c.seal());
        Chunk otherSession = new Chunk(UUID.randomUUID(), c.seq(), c.createdAt(), c.firstAt(), c.lastAt(), c.frames(),
                c.dropped(), c.last(), c.content(), c.contentSha256(), c.prevSha256(), c.replayable(), c.seal());
        for (Chunk changed : List.of(notLast, moved, noLosses, otherSession)) {
            assertFalse(SEAL.verifies(changed), changed.toString());
        }
        Chunk unsealed = chain(1).get(0);
        assertEquals(List.of("chunk 0 carries no seal of this server"),
                Verification.of(SESSION, List.of(unsealed), true, SEAL).problems());
    }

    @Test
    void aChunkSealedWithAPreviousKeyStillVerifiesAfterTheKeyIsChanged() {
        Chunk old = sealed(chain(1).get(0), new ChainSeal(List.of(key(7))));
        ChainSeal rotated = new ChainSeal(List.of(key(8), key(7)));
        assertTrue(rotated.verifies(old));
        assertFalse(new ChainSeal(List.of(key(8))).verifies(old));
        assertTrue(rotated.verifies(sealed(chain(1).get(0), rotated)));
    }

    @Test
    void aGapLeftByAServerThatStoppedWithoutWarningIsIncompleteAndSealed() {
        List<Chunk> chunks = new ArrayList<>(chain(3));
        chunks.set(2, chunks.get(2).breaks(false, true));
        Verification v = Verification.of(SESSION, chunks, true);
        assertTrue(v.intact());
        assertFalse(v.complete());
        assertEquals(1, v.problems().size());
        assertTrue(v.problems().get(0).startsWith("before chunk 2 the server stopped without warning: what was"
                + " shared between "), v.problems().toString());

        Chunk gap = chunks.get(2);
        Chunk sealedGap = new Chunk(gap.sessionId(), gap.seq(), gap.createdAt(), gap.firstAt(), gap.lastAt(),
                gap.frames(), gap.dropped(), gap.last(), gap.content(), gap.contentSha256(), gap.prevSha256(),
                gap.replayable(), SEAL.seal(gap), false, true);
        assertTrue(SEAL.verifies(sealedGap));
        assertFalse(SEAL.verifies(sealedGap.breaks(false, false)), "a gap hidden afterwards breaks the seal");
        assertFalse(SEAL.verifies(sealedGap.breaks(true, true)), "so does a pause added afterwards");
        Chunk plain = sealed(chunks.get(1), SEAL);
        assertTrue(SEAL.verifies(plain), "a chunk with no break keeps the seal it had before breaks were recorded");
    }
}
