package io.tandem.relay.socket;

import io.tandem.relay.room.Participant;
import java.util.UUID;

/** Who an upgrade admitted, to which session: decided once, before the 101, and kept with the connection. */
public record Admission(UUID sessionId, Participant participant) {}
