package io.tandem.signaling.room;

import java.time.Duration;

/**
 * Told when a call starts and ends: from the first answer relayed between the two media peers until a hang-up, the
 * session's end, the server stopping, or a media peer leaving for good (one back within 30 s continues the call; see
 * Room). Each call is started and ended once. The embedding app adds the length to the session's touchpoint; the
 * standalone server appends it to a Redis stream (CallSecondsPublisher). Called on a signaling thread while the room
 * is settled: keep it short and never block.
 */
@FunctionalInterface
public interface CallListener {

    CallListener NONE = (sessionId, length) -> {};

    void callEnded(String sessionId, Duration length);

    /** Told when a call starts: the first answer relayed between the two media peers (the replay's call mark). */
    default void callStarted(String sessionId) {}
}
