package io.tandem.signaling.room;

import io.tandem.signaling.SignalingCloseCode;

/** What a room needs of a peer's connection; the socket adapter implements it and knows nothing of rooms. */
public interface PeerLink {

    /** Queues a text message for the peer; false when its outbound queue is full (a slow consumer). */
    boolean send(String text);

    /** Closes the connection with the code (idempotent); queued messages are dropped. */
    void close(SignalingCloseCode code);
}
