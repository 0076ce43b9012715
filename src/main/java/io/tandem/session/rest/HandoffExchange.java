package io.tandem.session.rest;

import io.tandem.security.HandoffCodes;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Exchanging a handoff code from the URL for the session it hands over. */
public record HandoffExchange(
        @NotNull(message = "This link is incomplete. Ask your advisor for a new one.") @Pattern(regexp = HandoffCodes.CODE_PATTERN, message = "This link is incomplete. Ask your advisor for a new one.") String code) {}
