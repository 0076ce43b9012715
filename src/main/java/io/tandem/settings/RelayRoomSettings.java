package io.tandem.settings;

import io.tandem.relay.listener.RoomSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** The admin's settings as the relay reads them when it opens a room (from memory: no I/O). */
@ApplicationScoped
public class RelayRoomSettings implements RoomSettings {

    private final Settings settings;

    public RelayRoomSettings(Settings settings) {
        this.settings = settings;
    }

    @Override
    public boolean remoteControl() {
        return settings.remoteControl();
    }
}
