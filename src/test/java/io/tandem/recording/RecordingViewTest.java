package io.tandem.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recorded chunks turned back into frames for replay: header fields, untouched payloads, a byte budget. */
class RecordingViewTest {

    private static Chunk.Frame frame(long at, String text) {
        return new Chunk.Frame(at, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesComeBackInOrderWithTheirHeaderFieldsAndPayloadsAsSent() {
        UUID id = UUID.randomUUID();
        Chunk first = Chunk.of(id, 0, Instant.EPOCH,
                List.of(frame(10, "{\"t\":\"dom.snap\",\"n\":1,\"from\":\"customer\"}\n"
                        + "[{\"a\":\"é\\n\"}]"), frame(11, "no header line")),
                0, false, Chunk.GENESIS);
        Chunk second = Chunk.of(id, 1, Instant.EPOCH,
                List.of(frame(20, "{\"t\":\"dom.nav\",\"n\":2,\"from\":\"customer\","
                        + "\"k\":\"load\"}\n{\"url\":\"u\"}"),
                        frame(21, "{\"t\":\"sys.presence\",\"from\":\"server\"}\n{}")),
                0,
                true, first.contentSha256());
        RecordingView v = RecordingView.of(id, List.of(first, second), Verification.of(id, List.of(first, second),
                true), 1 << 20);
        assertFalse(v.truncated());
        assertTrue(v.verification().complete());
        assertEquals(List.of("dom.snap", "dom.nav", "sys.presence"), v.frames().stream().map(RecordingView.Frame::t)
                .toList(), "a frame without a header is skipped");
        assertEquals("[{\"a\":\"é\\n\"}]", v.frames().get(0).payload());
        assertEquals(1L, v.frames().get(0).n());
        assertEquals("load", v.frames().get(1).k());
        assertNull(v.frames().get(2).n());
        assertEquals(Instant.ofEpochMilli(10), v.firstAt());
        assertEquals(Instant.ofEpochMilli(21), v.lastAt());
    }

    @Test
    void framesBeyondTheByteBudgetAreLeftOutAndTheViewSaysSo() {
        UUID id = UUID.randomUUID();
        String big = "{\"t\":\"dom.mut\",\"n\":1,\"from\":\"customer\"}\n" + "x".repeat(100);
        Chunk c = Chunk.of(id, 0, Instant.EPOCH, List.of(frame(1, big), frame(2, big), frame(3, big)), 0, true,
                Chunk.GENESIS);
        RecordingView v = RecordingView.of(id, List.of(c), Verification.of(id, List.of(c), true), big.length() * 2L);
        assertTrue(v.truncated());
        assertEquals(2, v.frames().size());
    }
}
