package io.tandem.signaling;

/**
 * Every close code the signaling endpoint sends (documented in docs/protocol.md, "WebRTC signaling"): standard codes
 * where one fits, otherwise the private-use range 4000-4999 with the HTTP-like numbers of the relay's table.
 */
public enum SignalingCloseCode {

    /** The server is stopping (deploy, scale-in): reconnect with a fresh token. */
    GOING_AWAY(1001, "server stopping"),
    /** A bug on the server; the log has the details. */
    SERVER_ERROR(1011, "internal error"),
    /** Malformed JSON, unknown type or field, wrong or missing field, or a binary frame. */
    BAD_MESSAGE(4400, "bad message"),
    /** The peer's role may never send this type (supervisors send only ping). */
    FORBIDDEN(4403, "not allowed for this role"),
    /** Nothing received for the idle timeout: the client stopped sending pings. */
    IDLE(4408, "idle timeout"),
    /** The app ended the session (or it expired): the call is over and the room stays shut. */
    SESSION_ENDED(4409, "session ended"),
    /** The same participant connected again; the newer connection wins. */
    REPLACED(4410, "replaced by a newer connection"),
    /** A message over the size limit. */
    TOO_LARGE(4413, "message too large"),
    /** The room already has a peer of this media role (or two media peers). */
    ROOM_FULL(4423, "room full"),
    /** More messages than the connection's token bucket allows (burst, then a steady rate). */
    RATE_LIMITED(4429, "too many messages"),
    /** The peer did not read fast enough: its outbound queue overflowed. */
    SLOW_CONSUMER(4503, "slow consumer");

    private final int code;
    private final String reason;

    SignalingCloseCode(int code, String reason) {
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
