package io.tandem.relay.socket;

import io.tandem.relay.room.Participant;
import java.util.UUID;

/**
 * Who an upgrade admitted, to which session: decided once, before the 101, and kept with the connection.
 *
 * @param holder the node holding the session's room (multi-node relay), set once the upgrade is permitted
 * @param token the staff token the connection was opened with; null for customer and stage credentials, which are
 *        bounded by the session itself
 */
public record Admission(UUID sessionId, Participant participant, StaffToken token, String holder) {

    Admission(UUID sessionId, Participant participant, StaffToken token) {
        this(sessionId, participant, token, null);
    }

    Admission(UUID sessionId, Participant participant) {
        this(sessionId, participant, null, null);
    }

    /** The node that holds the session's room (multi-node relay), settled before the upgrade. */
    Admission heldBy(String node) {
        return new Admission(sessionId, participant, token, node);
    }
}
