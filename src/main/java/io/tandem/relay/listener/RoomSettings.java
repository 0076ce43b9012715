package io.tandem.relay.listener;

/**
 * Run-time settings a room reads once as it opens (the admin's settings, implemented outside the relay). Read from
 * memory: no I/O.
 */
public interface RoomSettings {

    /** Whether remote control is allowed in rooms opened now. */
    boolean remoteControl();
}
