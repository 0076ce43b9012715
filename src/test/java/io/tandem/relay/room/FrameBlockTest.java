package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A block of kept frames: deflated by its packer, read back byte for byte, raw until packed. */
class FrameBlockTest {

    /** JSON-like text that compresses as rrweb does (a small vocabulary), with a random tail so it is not trivial. */
    static Buffer json(Random random, int size) {
        String[] words = {"policy", "cover", "premium", "claim", "\"id\":", "{\"type\":2,", "\"childNodes\":[", "]}"};
        StringBuilder s = new StringBuilder(size + 16);
        while (s.length() < size) {
            s.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
        }
        return Buffer.buffer(s.substring(0, size).getBytes(StandardCharsets.UTF_8));
    }

    private static List<byte[]> bytes(List<Buffer> frames) {
        return frames.stream().map(Buffer::getBytes).toList();
    }

    @Test
    void packedFramesReadBackByteForByteWithTheirBoundaries() {
        Random random = new Random(7);
        List<Buffer> frames = new ArrayList<>();
        for (int size : new int[]{300_000, 0, 1, 4_000, 17, 2_500}) {
            frames.add(json(random, size));
        }
        frames.add(Buffer.buffer(new byte[]{0, (byte) 0xff, 10, (byte) 0x80})); // not text at all
        FrameBlock block = FrameBlock.of(frames, Runnable::run);
        assertTrue(block.isPacked());
        List<byte[]> expected = bytes(frames);
        List<byte[]> actual = bytes(block.frames());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
        assertEquals(frames.stream().mapToLong(Buffer::length).sum(), block.rawBytes());
        assertEquals(bytes(block.frames()).get(0).length, 300_000, "read twice, same frames");
    }

    @Test
    void packedBlockHoldsFarLessThanItsFrames() {
        FrameBlock block = FrameBlock.of(List.of(json(new Random(1), 600_000)), Runnable::run);
        assertEquals(600_000, block.rawBytes());
        assertTrue(block.heldBytes() < 600_000 / 3, "held " + block.heldBytes());
    }

    @Test
    void untilThePackerRunsTheFramesAreHeldAsTheyAre() {
        List<Runnable> waiting = new ArrayList<>();
        Executor later = waiting::add;
        Buffer frame = json(new Random(2), 50_000);
        FrameBlock block = FrameBlock.of(List.of(frame), later);
        assertFalse(block.isPacked());
        assertEquals(50_000, block.heldBytes());
        assertTrue(block.frames().get(0) == frame, "the frame itself, not a copy");
        waiting.forEach(Runnable::run);
        assertTrue(block.isPacked());
        assertArrayEquals(frame.getBytes(), block.frames().get(0).getBytes());
    }

    @Test
    void aBlockThePackerDroppedStaysReadable() {
        Buffer frame = json(new Random(3), 10_000);
        FrameBlock block = FrameBlock.of(List.of(frame), task -> {
            // a full queue: the task is discarded
        });
        assertFalse(block.isPacked());
        assertArrayEquals(frame.getBytes(), block.frames().get(0).getBytes());
    }
}
