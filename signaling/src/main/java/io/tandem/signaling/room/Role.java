package io.tandem.signaling.room;

import java.util.Locale;
import java.util.Optional;

/** A peer's role in a signaling room, as the token's {@code role} claim names it. */
public enum Role {

    /** Media peer; several may be in one call, each with its own id. Impolite in {@code welcome.polite}. */
    ADVISOR(true, false),
    /** Media peer, at most one per room. Polite in {@code welcome.polite}. */
    CUSTOMER(true, true),
    /** Observer: presence, mute and hangup only; sends nothing but ping; never visible to the customer. */
    SUPERVISOR(false, false);

    private final boolean media;
    private final boolean polite;

    Role(boolean media, boolean polite) {
        this.media = media;
        this.polite = polite;
    }

    /** Whether the peer takes part in the call (at most one customer per room, and a bounded number in all). */
    public boolean media() {
        return media;
    }

    public boolean polite() {
        return polite;
    }

    /** The wire name: {@code advisor}, {@code customer}, {@code supervisor}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
