package io.tandem.session.access;

import java.util.UUID;

/**
 * The access policy's answer: the seat someone takes in a session, with who they are there; or the refusal.
 *
 * @param personId the staff member's id; the customer's id; the advisor's id for their stage page
 * @param name the display name others in the session see (the advisor's own for the stage page)
 * @param customerId the session's customer
 * @param team the staff member's team, or null
 */
public record Access(UUID sessionId, Seat seat, String personId, String name, UUID customerId, Refusal refusal,
        String team) {

    Access(UUID sessionId, Seat seat, String personId, String name, UUID customerId, Refusal refusal) {
        this(sessionId, seat, personId, name, customerId, refusal, null);
    }

    static Access refused(UUID sessionId, Refusal refusal, String personId) {
        return new Access(sessionId, null, personId, null, null, refusal);
    }

    /** Whether this seat takes part in the session as an advisor does (its owner, a colleague, a stepped-in supervisor). */
    public boolean advises() {
        return seat == Seat.ADVISOR || seat == Seat.COLLEAGUE || seat == Seat.STEPPED_IN;
    }

    public boolean granted() {
        return refusal == null;
    }
}
