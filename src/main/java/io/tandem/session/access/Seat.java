package io.tandem.session.access;

/** Where someone sits in a session, as the access policy decides it. */
public enum Seat {
    /** The session's own advisor: its owner. */
    ADVISOR,
    /** An advisor beside the owner, who joined on an invitation (or owned the session before a transfer). */
    COLLEAGUE,
    /** A supervisor who stepped into the conversation: a participant like an advisor until they step out. */
    STEPPED_IN,
    /** A supervisor of any session: may watch it live (audited) and read its records. */
    SUPERVISOR,
    /** An administrator: reads the session's records, but does not enter it live. */
    ADMIN,
    /** The session's customer, with the credential of its join. */
    CUSTOMER,
    /** The advisor's own page on the stage, with a stage credential of the session. */
    STAGE
}
