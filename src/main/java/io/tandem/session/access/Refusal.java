package io.tandem.session.access;

/** Why the access policy keeps someone out of a session, with the HTTP status that says so. */
public enum Refusal {
    /** No such session. */
    UNKNOWN_SESSION(404),
    /** The session is over. */
    SESSION_OVER(410),
    /** The session is not live (before consent, or over): customers are only in it while it is active. */
    NOT_LIVE(403),
    /** Not this person's session, or not for this: another advisor's, another session's credential, an admin live. */
    NOT_YOURS(403);

    private final int status;

    Refusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
