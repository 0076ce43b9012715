package io.tandem.relay.listener;

import io.tandem.relay.protocol.MessageType;
import io.vertx.core.buffer.Buffer;

/**
 * Where one room hands the frames it relays or announces, as sent to its members. Called under the room's lock: it
 * must not block, parse or write anywhere but memory.
 */
@FunctionalInterface
public interface FrameSink {

    /** Server frames (stage, control, presence, call) come from this sender. */
    String SERVER = "server";

    FrameSink NONE = (from, type, frame) -> {};

    /** A frame relayed from {@code from} (a participant id, or {@link #SERVER}) of the given type. */
    void frame(String from, MessageType type, Buffer frame);

    /**
     * A participant resumed past anything this room numbered: the room it talked to is gone (its server stopped, or
     * the room was dropped), and what that room relayed may never have been stored.
     */
    default void roomLost() {}

    /** Both sinks, in order; NONE drops out. */
    static FrameSink both(FrameSink a, FrameSink b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return new FrameSink() {
            @Override
            public void frame(String from, MessageType type, Buffer frame) {
                a.frame(from, type, frame);
                b.frame(from, type, frame);
            }

            @Override
            public void roomLost() {
                a.roomLost();
                b.roomLost();
            }
        };
    }
}
