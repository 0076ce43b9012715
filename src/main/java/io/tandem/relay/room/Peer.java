package io.tandem.relay.room;

import io.tandem.relay.protocol.CloseCode;
import io.vertx.core.buffer.Buffer;

/** One open connection as the room sees it; the socket adapter implements it. */
public interface Peer {

    /** Sends a frame without blocking; {@code written} runs once it is written or has failed. */
    void send(Buffer frame, Runnable written);

    /** Closes the connection with a documented code. */
    void close(CloseCode code);
}
