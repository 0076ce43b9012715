package io.tandem.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * The settings in effect: whether advisors may ask for remote control in new sessions, whether new sessions are
 * recorded, and how long a customer may still rate a finished session; who changed them last, and when.
 */
public record SettingsView(boolean remoteControl, boolean recording, @JsonIgnore Duration feedbackWindow,
        String updatedBy, Instant updatedAt) {

    /** The feedback window on the wire, in minutes as the change request has it. */
    @JsonProperty("feedbackWindowMinutes")
    public long feedbackWindowMinutes() {
        return feedbackWindow.toMinutes();
    }
}
