package io.tandem.signaling;

/**
 * The origin allow-list in effect, replaceable while the server runs (the app adds and removes site origins at run
 * time). Each upgrade reads it once: a volatile read, no lock and no I/O.
 */
public final class LiveOrigins {

    private volatile WebSocketOrigins current;

    public LiveOrigins(WebSocketOrigins initial) {
        this.current = initial;
    }

    public WebSocketOrigins current() {
        return current;
    }

    /** Upgrades from now on are checked against these origins; sockets already open stay open. */
    public void replace(WebSocketOrigins origins) {
        if (origins == null) {
            throw new IllegalArgumentException("origins must be given (none allows nothing)");
        }
        current = origins;
    }

    /** Whether an upgrade with this Origin header (null when absent) may proceed now. */
    public boolean allows(String originHeader) {
        return current.allows(originHeader);
    }
}
