package io.tandem.session.rest;

import io.tandem.session.Outcome;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** How a session ended, in the advisor's words. */
public record EndSessionRequest(@NotNull Outcome outcome, @Size(max = 4000) String notes) {}
