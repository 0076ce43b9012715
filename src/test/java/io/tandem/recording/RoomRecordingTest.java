package io.tandem.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.relay.listener.FrameSink;
import io.tandem.relay.protocol.MessageType;
import io.tandem.testing.MutableClock;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a room hands the recording: everything, pointer moves and laser trails at most four a second per sender. */
class RoomRecordingTest {

    private static final UUID SESSION = UUID.fromString("7e1c2a3e-0b4d-4e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void pointersAreSampledPerSenderEverythingElseIsKept() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        List<String> recorded = new ArrayList<>();
        List<UUID> lost = new ArrayList<>();
        FrameSink tap = RoomRecording.sampled(SESSION, clock, (id, frame) -> {
            assertEquals(SESSION, id);
            recorded.add(frame.toString());
        }, lost::add);
        tap.frame("customer", MessageType.PTR_MOVE, Buffer.buffer("c1"));
        tap.frame("adv-1", MessageType.PTR_MOVE, Buffer.buffer("a1"));
        clock.advance(Duration.ofMillis(100));
        tap.frame("customer", MessageType.PTR_MOVE, Buffer.buffer("c2"));
        tap.frame("customer", MessageType.PTR_LASER, Buffer.buffer("c3"));
        tap.frame("customer", MessageType.DOM_MUT, Buffer.buffer("m1"));
        tap.frame(FrameSink.SERVER, MessageType.SYS_PRESENCE, Buffer.buffer("p1"));
        clock.advance(Duration.ofMillis(150));
        tap.frame("customer", MessageType.PTR_LASER, Buffer.buffer("c4"));
        tap.frame("adv-1", MessageType.PTR_CLICK, Buffer.buffer("a2"));
        assertEquals(List.of("c1", "a1", "m1", "p1", "c4", "a2"), recorded);
        assertEquals(List.of(), lost);
        tap.roomLost(); // a participant resumed past the room's numbering: the recording hears of it
        assertEquals(List.of(SESSION), lost);
    }
}
