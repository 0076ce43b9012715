package io.tandem.session;

import java.util.UUID;

/**
 * CDI event: someone's place in a live session changed, after it was committed: the session has a new owner (a
 * transfer), or a supervisor stepped into the conversation or back out. The relay tells the session's room.
 *
 * @param personId the staff member's id (the new owner, or the supervisor)
 * @param name their display name
 * @param team their team, or null
 */
public record SessionSeatChanged(UUID sessionId, Change change, String personId, String name, String team) {

    public enum Change {
        /** {@code personId} now owns the session (warm transfer to them, or a team's cold transfer they took). */
        OWNER,
        /** The supervisor {@code personId} joined the conversation: from now on a participant like an advisor. */
        STEPPED_IN,
        /** The supervisor {@code personId} went back to watching silently. */
        STEPPED_OUT
    }
}
