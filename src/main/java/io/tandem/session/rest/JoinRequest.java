package io.tandem.session.rest;

import jakarta.validation.constraints.Size;

/** A customer redeeming either the 6-digit code or the token from the join link's fragment. */
public record JoinRequest(@Size(max = 6, message = "The code has 6 digits.") String code,
        @Size(max = 64, message = "This join link is not complete: open it again from the message you received.") String token) {}
