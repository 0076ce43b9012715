package io.tandem.relay.socket;

import io.tandem.relay.room.Participant;
import java.util.UUID;

/**
 * Who an upgrade admitted, to which session: decided once, before the 101, and kept with the connection.
 *
 * @param token the staff token the connection was opened with; null for customer and stage credentials, which are
 *        bounded by the session itself
 */
public record Admission(UUID sessionId, Participant participant, StaffToken token) {

    Admission(UUID sessionId, Participant participant) {
        this(sessionId, participant, null);
    }
}
