package io.tandem.relay.protocol;

/** The relay's WebSocket close codes; docs/protocol.md is the table clients rely on. */
public enum CloseCode {
    /** The server is going away (shutdown or rebalancing): reconnect, possibly to another node, and resume. */
    GOING_AWAY(1001, "reconnect"),
    /** The frame could not be read: bad header, unknown type, text frame, missing hello. */
    BAD_MESSAGE(4400, "bad message"),
    /** The credential expired or was revoked during the session. */
    UNAUTHENTICATED(4401, "unauthenticated"),
    /** The sender's role may never send this type. */
    FORBIDDEN(4403, "forbidden"),
    /** The session does not exist (any more) on this server. */
    UNKNOWN_SESSION(4404, "unknown session"),
    /** Nothing was received for longer than the idle timeout. */
    IDLE_TIMEOUT(4408, "idle timeout"),
    /** The session has ended or expired. */
    SESSION_ENDED(4409, "session ended"),
    /** The same participant connected again elsewhere; this older connection is replaced. */
    REPLACED(4410, "replaced by a newer connection"),
    /** A message exceeded its size limit. */
    TOO_LARGE(4413, "message too large"),
    /**
     * The connection sent faster than its rate limit. No longer sent by this relay, which slows a participant over its
     * rate instead; kept, with its documented meaning, for clients of earlier servers.
     */
    RATE_LIMITED(4429, "rate limited"),
    /** The recipient did not read its messages for too long. */
    SLOW_CONSUMER(4503, "slow consumer");

    /**
     * The close code a customer's page sends when the customer presses Stop (not a code the server sends): the room
     * marks them left at once, with presence reason "stopped", instead of waiting for a reconnect.
     */
    public static final int STOPPED_CODE = 4000;

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
