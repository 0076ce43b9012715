package io.tandem.touchpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A rung of the loyalty ladder, lowest first; lower-case on the wire, with the words supervisors read. */
public enum Rung {
    @JsonProperty("prospect")
    PROSPECT("Prospect"),
    @JsonProperty("customer")
    CUSTOMER("Customer"),
    @JsonProperty("client")
    CLIENT("Client"),
    @JsonProperty("supporter")
    SUPPORTER("Supporter"),
    @JsonProperty("advocate")
    ADVOCATE("Advocate");

    private final String label;

    Rung(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The wire name, "client". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One rung up or down (+1, −1), held at the ends of the ladder. */
    public Rung step(int by) {
        return values()[Math.max(0, Math.min(values().length - 1, ordinal() + by))];
    }

    /** The rung of a wire name ("client"), if it is one. */
    public static Optional<Rung> ofWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(name)).findFirst();
    }

    /** The wire names, in ladder order, for messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Rung::wire).toList());
    }
}
