package io.tandem.relay.room;

import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/** Where a room hands the frames it relays for recording. Called under the room's lock: it must not block. */
public interface FrameSink {

    FrameSink NONE = (session, frame) -> {};

    void record(UUID sessionId, Buffer frame);
}
