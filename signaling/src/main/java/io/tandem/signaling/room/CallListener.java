package io.tandem.signaling.room;

import java.time.Duration;

/**
 * Told when a call ends: from the first answer relayed between the two media peers until a hang-up, one of them
 * leaving, or the server stopping. The embedding app adds the length to the session's touchpoint. Called on a
 * signaling thread while the room is settled: keep it short and never block.
 */
@FunctionalInterface
public interface CallListener {

    CallListener NONE = (sessionId, length) -> {};

    void callEnded(String sessionId, Duration length);
}
