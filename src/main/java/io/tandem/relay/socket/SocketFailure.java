package io.tandem.relay.socket;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.tandem.relay.protocol.CloseCode;

/**
 * What a failure on a relay socket means. A client's mistake at the transport (a frame over the transport bound, read
 * from its header; a message whose fragments overflow it; a malformed frame) gets its close code and one short log
 * line; anything else is the server's and is logged with its stack trace.
 */
record SocketFailure(CloseCode code, String what) {

    /** The client's mistake behind {@code failure}, or null if it is not one. */
    static SocketFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CorruptedWebSocketFrameException corrupt) {
                boolean tooBig = corrupt.closeStatus() != null
                        && corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
                return new SocketFailure(tooBig ? CloseCode.TOO_LARGE : CloseCode.BAD_MESSAGE, t.getMessage());
            }
            // Vert.x's message aggregator: the fragments of one message add up to more than the transport bound
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().contains("max message size")) {
                return new SocketFailure(CloseCode.TOO_LARGE, t.getMessage());
            }
        }
        return null;
    }
}
