package io.tandem.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A change of settings: each field left out keeps its value. The feedback window is in minutes (1 to 10080). */
public record SettingsRequest(Boolean remoteControl, Boolean recording,
        @Min(value = 1, message = "Enter a feedback window from 1 to 10080 minutes (one week).") @Max(value = 10080, message = "Enter a feedback window from 1 to 10080 minutes (one week).") Integer feedbackWindowMinutes) {}
