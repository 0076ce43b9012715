package io.tandem.relay.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames in runs: sealed and deflated past SEAL_BYTES, read back in order by tag, removed oldest first. */
class FrameRunsTest {

    private static void assertSameFrames(List<Buffer> expected, List<Buffer> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).getBytes(), actual.get(i).getBytes(), "frame " + i);
        }
    }

    private static List<Buffer> frames(int count, int size, long seed) {
        Random random = new Random(seed);
        List<Buffer> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(FrameBlockTest.json(random, 1 + random.nextInt(size)));
        }
        return frames;
    }

    @Test
    void framesReadBackInOrderAcrossSealedRunsAndTheOpenOne() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        List<Buffer> frames = frames(200, 5_000, 1);
        for (int i = 0; i < frames.size(); i++) {
            runs.add(i + 1, frames.get(i));
        }
        assertEquals(200, runs.size());
        assertEquals(frames.stream().mapToLong(Buffer::length).sum(), runs.bytes(), "bytes are the frames' own");
        assertTrue(runs.heldBytes() < runs.bytes() / 2, "sealed runs are deflated: " + runs.heldBytes());
        assertSameFrames(frames, runs.frames());
        assertSameFrames(frames.subList(150, 200), runs.framesAfter(150));
        assertSameFrames(frames.subList(199, 200), runs.framesAfter(199));
        assertEquals(List.of(), runs.framesAfter(200));
    }

    @Test
    void anOpenRunIsSealedOncePastSealBytes() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        Buffer small = FrameBlockTest.json(new Random(2), FrameRuns.SEAL_BYTES / 4);
        for (int i = 1; i <= 3; i++) {
            runs.add(i, small);
        }
        assertEquals(runs.bytes(), runs.heldBytes(), "below the seal size the run is held as it is");
        runs.add(4, small);
        assertTrue(runs.heldBytes() < runs.bytes(), "at the seal size it is deflated");
    }

    @Test
    void removingOldestFirstKeepsTagsAndFramesInStepEvenInsideSealedRuns() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        List<Buffer> frames = frames(120, 3_000, 3);
        for (int i = 0; i < frames.size(); i++) {
            runs.add(i + 1, frames.get(i));
        }
        for (int removed = 0; removed < 119; removed++) {
            assertEquals(removed + 1, runs.firstTag());
            assertEquals(frames.get(removed).length(), runs.removeFirst());
            assertSameFrames(frames.subList(removed + 1, 120), runs.frames());
        }
        assertEquals(1, runs.size());
        assertEquals(frames.get(119).length(), runs.bytes());
        assertEquals(frames.get(119).length(), runs.removeFirst());
        assertTrue(runs.isEmpty());
        assertEquals(0, runs.heldBytes(), "a run leaves once its last frame is removed");
    }

    @Test
    void anOpenRunSealedAfterRemovalsPacksOnlyWhatIsLeft() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        List<Buffer> frames = frames(3, 4_000, 4);
        for (int i = 0; i < 3; i++) {
            runs.add(i + 1, frames.get(i));
        }
        runs.removeFirst();
        runs.removeFirst();
        Buffer big = FrameBlockTest.json(new Random(5), FrameRuns.SEAL_BYTES);
        runs.add(4, big);
        assertTrue(runs.heldBytes() < runs.bytes());
        assertSameFrames(List.of(frames.get(2), big), runs.frames());
        assertEquals(3, runs.firstTag());
    }

    @Test
    void aSharedBlockSealsTheOpenRunAndCountsAsOneFrame() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        List<Buffer> frames = frames(3, 2_000, 6);
        runs.add(1, frames.get(0));
        Buffer snapshot = FrameBlockTest.json(new Random(7), 100_000);
        runs.add(2, FrameBlock.of(List.of(snapshot), Runnable::run));
        runs.add(3, frames.get(1));
        runs.add(4, frames.get(2));
        assertEquals(4, runs.size());
        assertSameFrames(List.of(frames.get(0), snapshot, frames.get(1), frames.get(2)), runs.frames());
        assertSameFrames(List.of(snapshot, frames.get(1), frames.get(2)), runs.framesAfter(1));
        List<Long> tags = new ArrayList<>();
        runs.forEach((tag, frame) -> tags.add(tag));
        assertEquals(List.of(1L, 2L, 3L, 4L), tags);
    }

    @Test
    void clearForgetsEverything() {
        FrameRuns runs = new FrameRuns(Runnable::run);
        frames(50, 5_000, 8).forEach(f -> runs.add(0, f));
        runs.clear();
        assertTrue(runs.isEmpty());
        assertEquals(0, runs.bytes());
        assertEquals(0, runs.heldBytes());
        assertEquals(List.of(), runs.frames());
    }

    private static List<Buffer> quarterRuns(int count, long seed) {
        Random random = new Random(seed);
        List<Buffer> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(FrameBlockTest.json(random, FrameRuns.SEAL_BYTES / 4)); // four frames seal a run
        }
        return frames;
    }

    @Test
    void aKeyframeAndALogGivenTheSameNumberedFramesPackEachRunOnce() {
        List<Runnable> packed = new ArrayList<>();
        FrameRuns.Sealer sealer = new FrameRuns.Sealer(task -> {
            packed.add(task);
            task.run();
        });
        FrameRuns keyframe = new FrameRuns(sealer);
        FrameRuns log = new FrameRuns(sealer);
        List<Buffer> frames = quarterRuns(51, 9);
        for (int i = 0; i < 40; i++) {
            keyframe.add(i + 1, frames.get(i));
            log.add(i + 1, frames.get(i));
        }
        assertEquals(10, packed.size(), "ten runs, each packed once for both");
        assertTrue(keyframe.heldBytes() < keyframe.bytes() / 2);
        assertEquals(keyframe.heldBytes(), log.heldBytes());
        assertSameFrames(frames.subList(0, 40), keyframe.frames());
        assertSameFrames(frames.subList(0, 40), log.frames());

        packed.clear();
        log.add(41, frames.get(40)); // a frame only the log has (an annotation, a server frame)
        for (int n = 42; n <= 51; n++) {
            keyframe.add(n, frames.get(n - 1));
            log.add(n, frames.get(n - 1));
        }
        assertEquals(4, packed.size(), "runs holding different frames are packed apart: 42-45, 46-49; 41-44, 45-48");
        assertSameFrames(frames.subList(41, 51), keyframe.framesAfter(40));
        assertSameFrames(frames.subList(40, 51), log.framesAfter(40));
    }

    @Test
    void unnumberedFramesAreNeverTakenForEachOther() {
        FrameRuns.Sealer sealer = new FrameRuns.Sealer(Runnable::run);
        FrameRuns a = new FrameRuns(sealer);
        FrameRuns b = new FrameRuns(sealer);
        List<Buffer> first = quarterRuns(8, 10);
        List<Buffer> second = quarterRuns(8, 11);
        for (int i = 0; i < 8; i++) {
            a.add(0, first.get(i));
            b.add(0, second.get(i));
        }
        assertSameFrames(first, a.frames());
        assertSameFrames(second, b.frames());
    }
}
