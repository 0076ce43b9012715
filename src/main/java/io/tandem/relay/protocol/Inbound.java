package io.tandem.relay.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * A frame received from a client: its header fields and its payload, a zero-copy slice the relay forwards unread.
 *
 * @param seq the sender's sequence number, 0 if absent (only reliable types require one)
 * @param ts the sender's clock in ms, 0 if absent
 * @param key the coalescing key of latest-wins types, or null
 * @param rtt a round trip the client measured (sys.ping only), -1 if absent
 */
public record Inbound(MessageType type, long seq, long ts, String key, long rtt, Buffer payload) {

    public int size() {
        return payload.length();
    }
}
