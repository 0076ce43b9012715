package io.tandem.webhook;

import java.util.Arrays;
import java.util.Optional;

/** Event types a receiver can subscribe to; {@link #wire()} is the name in payloads, subscriptions and the docs. */
public enum EventType {
    TOUCHPOINT_COMPLETED("touchpoint.completed"),
    FEEDBACK_RECEIVED("feedback.received"),
    LADDER_CHANGED("ladder.changed"),
    FOLLOWUP_OPENED("followup.opened"),
    FOLLOWUP_CLOSED("followup.closed");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire, e.g. {@code touchpoint.completed}. */
    public String wire() {
        return wire;
    }

    /** The type with this wire name, if there is one. */
    public static Optional<EventType> ofWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }
}
