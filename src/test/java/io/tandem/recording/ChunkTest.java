package io.tandem.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A chunk is replayable when it holds a page's snapshot or a document's opening, never for joins and leaves alone. */
class ChunkTest {

    private static Chunk.Frame frame(String text) {
        return new Chunk.Frame(1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Chunk chunk(Chunk.Frame... frames) {
        return Chunk.of(UUID.randomUUID(), 0, Instant.EPOCH, List.of(frames), 0, false, Chunk.GENESIS);
    }

    @Test
    void aSnapshotOrADocumentMakesAChunkReplayableAndPresenceAloneDoesNot() {
        Chunk.Frame presence = frame("{\"t\":\"sys.presence\"}\n{\"participants\":[]}");
        Chunk.Frame call = frame("{\"t\":\"sys.call\"}\n{\"state\":\"started\"}");
        assertFalse(chunk(presence, call).replayable());
        assertFalse(chunk().replayable());
        assertTrue(chunk(presence, frame("{\"t\":\"dom.snap\",\"n\":3,\"from\":\"customer\"}\n[]")).replayable());
        assertTrue(chunk(frame("{\"t\":\"doc.open\",\"n\":9,\"from\":\"a1\"}\n{}")).replayable());
        // the type is the header's, not a word in a payload or a shorter type
        assertFalse(chunk(frame("{\"t\":\"dom.mut\",\"from\":\"customer\"}\n[\"{\\\"t\\\":\\\"dom.snap\\\"\"]"))
                .replayable());
        assertFalse(chunk(frame("{\"t\":\"dom.sn")).replayable());
    }
}
