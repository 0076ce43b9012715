package io.tandem.session.rest;

import io.tandem.touchpoint.Outcome;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** How a session ended, in the advisor's words. */
public record EndSessionRequest(@NotNull(message = "Choose the session's outcome.") Outcome outcome,
        @Size(max = 4000, message = "Keep the notes to {max} characters or fewer.") String notes) {}
