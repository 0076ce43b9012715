package io.tandem.relay.room;

/**
 * Someone's place in a live room changed outside it (the session feature decided and committed it): a new owner, or a
 * supervisor stepping into the conversation or back out. Absolute, so applying one twice changes nothing more.
 */
public record RoomChange(Kind kind, String id, String name, String team) {

    public enum Kind {
        OWNER("owner"),
        STEPPED_IN("stepped-in"),
        STEPPED_OUT("stepped-out");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Kind of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown room change " + wire);
        }
    }
}
