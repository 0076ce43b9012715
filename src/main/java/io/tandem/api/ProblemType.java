package io.tandem.api;

/** The stable problem types of the HTTP API; docs/protocol.md lists them. The URI never changes once published. */
public enum ProblemType {
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_REQUEST(400, "Invalid request"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    UNKNOWN_SESSION(404, "Unknown session"),
    UNKNOWN_CUSTOMER(404, "Unknown customer"),
    UNKNOWN_JOIN(404, "Unknown join code or link"),
    UNKNOWN_DOCUMENT(404, "Unknown document"),
    UNKNOWN_SITE_ORIGIN(404, "Unknown site origin"),
    UNKNOWN_INVITATION(404, "Unknown invitation"),
    UNKNOWN_STAFF(404, "Unknown member of staff or team"),
    UNKNOWN_FOLLOW_UP(404, "Unknown follow-up"),
    RECORDING_ERASED(404, "Recording erased"),
    UNKNOWN_WEBHOOK(404, "Unknown webhook endpoint or delivery"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    SESSION_STATE_CONFLICT(409, "Session state conflict"),
    DUPLICATE_CUSTOMER(409, "Duplicate customer"),
    DUPLICATE_DOCUMENT(409, "Duplicate document"),
    DUPLICATE_SITE_ORIGIN(409, "Site origin already allowed"),
    INVITATION_ANSWERED(409, "Invitation already answered or withdrawn"),
    FOLLOW_UP_CLOSED(409, "Follow-up already closed"),
    CONFIGURED_SITE_ORIGIN(409, "Site origin set in the configuration"),
    NOT_A_DEAD_LETTER(409, "Delivery is not a dead letter"),
    JOIN_EXPIRED(410, "Join code or link expired"),
    JOIN_USED(410, "Join code or link already used"),
    SESSION_ENDED(410, "Session ended"),
    HANDOFF_GONE(410, "Link already used or expired"),
    INVITATION_EXPIRED(410, "Invitation expired"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    CORRUPT_DOCUMENT(422, "Unreadable document"),
    INVALID_INVITEE(422, "Cannot be invited"),
    WEBHOOK_TARGET_REFUSED(422, "Webhook target refused"),
    INVALID_LADDER_RULES(422, "Invalid loyalty ladder rules"),
    RATE_LIMITED(429, "Too many attempts"),
    INTERNAL(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem's `type` URI, e.g. `urn:tandem:problem:join-expired`. */
    public String uri() {
        return "urn:tandem:problem:" + name().toLowerCase().replace('_', '-');
    }

    public Problem toProblem(String detail, String instance) {
        return new Problem(uri(), title, status, detail, instance, null);
    }
}
