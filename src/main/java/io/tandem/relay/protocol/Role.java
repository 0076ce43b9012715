package io.tandem.relay.protocol;

/** Who is on a relay connection. Supervisors watch silently: they receive and may send only sys.hello/ping. */
public enum Role {
    CUSTOMER,
    ADVISOR,
    SUPERVISOR;

    public String wire() {
        return name().toLowerCase();
    }
}
