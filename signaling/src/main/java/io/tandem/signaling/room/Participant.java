package io.tandem.signaling.room;

import java.util.Objects;

/**
 * Who a connection speaks for, from the verified token: {@code id} is the token's {@code sub} (stable per person, so
 * a reconnect replaces the older connection), {@code name} its display name.
 */
public record Participant(String id, Role role, String name) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
    }
}
